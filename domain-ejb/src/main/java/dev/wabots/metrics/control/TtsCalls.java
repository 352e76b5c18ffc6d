package dev.wabots.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The voice notes the bots asked for since the orchestrator started, per bot and engine: calls,
 * failures by kind, and a histogram of the time each took (seconds). The orchestrator synthesises
 * them itself ({@code POST /internal/speech}), so it counts them — like {@link AiCalls}.
 */
@ApplicationScoped
public class TtsCalls {

  /**
   * Upper bounds of the time buckets in seconds (the last, +Inf, is implied): espeak answers in
   * well under a second, a neural engine on a CPU in several, a busy one waits for a slot up to 30 s.
   */
  public static final double[] BUCKETS = {0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final CallHistograms calls = new CallHistograms(BUCKETS);

  /**
   * One voice note asked for by {@code bot}: how long it took and, when it gave no audio, why
   * ({@code null}: it did).
   */
  public void record(String bot, String engine, long millis, String failure) {
    if (bot == null) {
      return; // a person listening in the panel: not the bot's figures
    }
    calls.record(bot, engine, millis / 1000.0, failure);
  }

  /** Every line so far, by bot and engine. */
  public Map<CallHistograms.Key, CallHistograms.Snapshot> snapshot() {
    return calls.snapshot();
  }
}
