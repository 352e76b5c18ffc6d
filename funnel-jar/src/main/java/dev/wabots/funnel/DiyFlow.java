package dev.wabots.funnel;

import java.util.Optional;

/** The GPU audit: a known GPU from the table, or a model typed by hand. */
final class DiyFlow {
  private final DefinitionData data;

  DiyFlow(DefinitionData data) {
    this.data = data;
  }

  void gpu(Turn turn, String key) {
    DefinitionData.Gpu gpu =
        data.gpus().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
    turn.event("gpu_selected", "gpu", key);
    turn.send(turn.messages().gpuAudit(gpu, turn.name()));
  }

  void askModel(Turn turn) {
    turn.state(turn.state().withFunnelState(Optional.of(FunnelState.DIY_GPU_CUSTOM)));
    turn.event("gpu_other");
    turn.screen("diy_gpu_ask");
  }

  /** The free-text answer to {@link #askModel}: recorded for a manager to check. */
  void model(Turn turn, String text) {
    turn.state(turn.state().withFunnelState(Optional.empty()));
    turn.event("gpu_custom_submitted", "text", text);
    turn.screen("diy_gpu_received");
  }
}
