package dev.wabots.metrics.control;

import dev.wabots.llm.control.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The bots' AI calls since the orchestrator started, per bot and backend: calls, errors by kind,
 * and a latency histogram (seconds) — every call is the orchestrator's own, so it counts them.
 */
@ApplicationScoped
public class AiCalls {

  /** Upper bounds of the latency buckets in seconds (the last, +Inf, is implied). */
  public static final double[] BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final CallHistograms calls = new CallHistograms(BUCKETS);

  public void record(String bot, List<Attempt> attempts) {
    if (bot == null) {
      return; // a person's test: in the usage figures, not in a bot's metrics
    }
    for (Attempt a : attempts) {
      calls.record(bot, a.backend(), a.latencyMs() / 1000.0,
          a.ok() ? null : a.failure() == null ? "other" : a.failure().kind().id());
    }
  }

  /** Every line so far, by bot and backend. */
  public Map<CallHistograms.Key, CallHistograms.Snapshot> snapshot() {
    return calls.snapshot();
  }
}
