package dev.wabots.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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

  /** One bot's voice notes from one engine. */
  static final class Line {
    final long[] buckets = new long[BUCKETS.length];
    long count;
    double sum;
    final Map<String, Long> errors = new TreeMap<>();

    synchronized void add(long millis, String failure) {
      double s = Math.max(0, millis) / 1000.0;
      count++;
      sum += s;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (s <= BUCKETS[i]) {
          buckets[i]++;
        }
      }
      if (failure != null) {
        errors.merge(failure, 1L, Long::sum);
      }
    }

    synchronized Snapshot snapshot() {
      return new Snapshot(buckets.clone(), count, sum, Map.copyOf(errors));
    }
  }

  /** Cumulative bucket counts (as Prometheus wants them), count, sum and failures by kind. */
  public record Snapshot(long[] buckets, long count, double sum, Map<String, Long> errors) {}

  /** Bot and engine. */
  public record Key(String bot, String engine) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = bot.compareTo(o.bot);
      return c != 0 ? c : engine.compareTo(o.engine);
    }
  }

  private final Map<Key, Line> lines = new ConcurrentHashMap<>();

  /**
   * One voice note asked for by {@code bot}: how long it took and, when it gave no audio, why
   * ({@code null}: it did).
   */
  public void record(String bot, String engine, long millis, String failure) {
    if (bot == null) {
      return; // a person listening in the panel: not the bot's figures
    }
    lines.computeIfAbsent(new Key(bot, engine == null ? "unknown" : engine), k -> new Line()).add(millis, failure);
  }

  /** Every line so far, by bot and engine. */
  public Map<Key, Snapshot> snapshot() {
    Map<Key, Snapshot> copy = new TreeMap<>();
    lines.forEach((k, v) -> copy.put(k, v.snapshot()));
    return copy;
  }
}
