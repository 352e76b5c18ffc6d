package dev.wabots.metrics.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls of one kind made for the bots since the orchestrator started, per bot and target (an AI
 * backend, a voice engine): how many, failures by kind, and a histogram of the seconds each took
 * with cumulative buckets, as Prometheus wants them. {@link AiCalls} and {@link TtsCalls} keep
 * one each.
 */
public final class CallHistograms {

  /** Bot and target, ordered by bot, then target. */
  public record Key(String bot, String target) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = bot.compareTo(o.bot);
      return c != 0 ? c : target.compareTo(o.target);
    }
  }

  /** Cumulative bucket counts, count, sum of seconds and failures by kind: a consistent copy. */
  public record Snapshot(long[] buckets, long count, double sum, Map<String, Long> errors) {}

  /** One bot's calls to one target. */
  private static final class Line {
    final long[] buckets;
    long count;
    double sum;
    final Map<String, Long> errors = new TreeMap<>();

    Line(int bounds) {
      buckets = new long[bounds];
    }

    synchronized void add(double[] bounds, double seconds, String failure) {
      count++;
      sum += seconds;
      for (int i = 0; i < bounds.length; i++) {
        if (seconds <= bounds[i]) {
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

  private final double[] bounds;
  private final Map<Key, Line> lines = new ConcurrentHashMap<>();

  /** @param bounds upper bounds of the buckets in seconds, rising (the last, +Inf, is implied) */
  public CallHistograms(double... bounds) {
    this.bounds = bounds.clone();
  }

  /** One call for {@code bot} to {@code target} that took {@code seconds}; {@code failure}: its kind, null if it worked. */
  public void record(String bot, String target, double seconds, String failure) {
    lines.computeIfAbsent(new Key(bot, target == null ? "unknown" : target), k -> new Line(bounds.length))
        .add(bounds, Math.max(0, seconds), failure);
  }

  /** Every line so far, by bot and target. */
  public Map<Key, Snapshot> snapshot() {
    Map<Key, Snapshot> copy = new TreeMap<>();
    lines.forEach((k, v) -> copy.put(k, v.snapshot()));
    return copy;
  }
}
