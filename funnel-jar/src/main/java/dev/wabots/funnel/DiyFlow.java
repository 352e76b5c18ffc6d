package dev.wabots.funnel;

import java.util.Optional;

/** The GPU audit: a known GPU from the table, or a model typed by hand. */
final class DiyFlow {
  private static final java.util.regex.Pattern GPU = java.util.regex.Pattern.compile(
      "(?iu)(rtx|gtx|geforce|nvidia|quadro|tesla|titan|radeon|\\brx\\b|\\barc\\b|\\bamd\\b|"
          + "\\b\\d{3,4}\\b|\\b[a-z]\\d{1,3}\\b|\\d+\\s*(gb|гб|гиг))");

  private final DefinitionData data;

  DiyFlow(DefinitionData data) {
    this.data = data;
  }

  void gpu(Turn turn, String key) {
    DefinitionData.Gpu gpu =
        data.gpus().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
    turn.event("gpu_selected", "gpu", key);
    turn.screen(FunnelMessages.GPU_AUDIT, turn.messages().gpuAudit(gpu, turn.name()));
  }

  void askModel(Turn turn) {
    turn.state(turn.state().withFunnelState(Optional.of(FunnelState.DIY_GPU_CUSTOM)));
    turn.event("gpu_other");
    turn.screen("diy_gpu_ask");
  }

  /**
   * A GPU model typed after {@link #askModel}: recorded (for a manager to check) and answered with
   * "no data for this card" and the way on. The question stays open, so another model typed next
   * is answered the same way rather than handed to the AI.
   */
  void model(Turn turn, String text) {
    turn.event(FunnelEvent.GPU_CUSTOM_INPUT, "text", text);
    turn.screen(FunnelMessages.GPU_RECEIVED, turn.messages().gpuReceived(text, turn.name()));
  }

  /**
   * Whether free text looks like a GPU model: short, and naming a GPU brand or series or carrying
   * a model number ("RTX 2070", "Tesla P40 24GB", "1660 super", "T4").
   */
  static boolean looksLikeGpu(String text) {
    String clean = text.strip();
    return clean.codePointCount(0, clean.length()) <= 80 && GPU.matcher(clean).find();
  }
}
