package dev.wabots.metrics.control;

import dev.wabots.llm.control.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bots' AI calls since the orchestrator started, per bot and backend: calls, errors by kind,
 * and a latency histogram (seconds) — every call is the orchestrator's own, so it counts them.
 */
@ApplicationScoped
public class AiCalls {

  /** Upper bounds of the latency buckets in seconds (the last, +Inf, is implied). */
  public static final double[] BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  /** One bot's calls to one backend. */
  public static final class Line {
    final long[] buckets = new long[BUCKETS.length];
    long count;
    double sum;
    final Map<String, Long> errors = new TreeMap<>();

    synchronized void add(Attempt a) {
      double s = a.latencyMs() / 1000.0;
      count++;
      sum += s;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (s <= BUCKETS[i]) {
          buckets[i]++;
        }
      }
      if (!a.ok()) {
        errors.merge(a.failure() == null ? "other" : a.failure().kind().id(), 1L, Long::sum);
      }
    }

    /** A consistent copy. */
    public synchronized Snapshot snapshot() {
      return new Snapshot(buckets.clone(), count, sum, Map.copyOf(errors));
    }
  }

  /** Cumulative bucket counts (as Prometheus wants them), count, sum and errors by kind. */
  public record Snapshot(long[] buckets, long count, double sum, Map<String, Long> errors) {}

  /** Bot and backend. */
  public record Key(String bot, String backend) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = bot.compareTo(o.bot);
      return c != 0 ? c : backend.compareTo(o.backend);
    }
  }

  private final Map<Key, Line> lines = new ConcurrentHashMap<>();

  public void record(String bot, List<Attempt> attempts) {
    if (bot == null) {
      return; // a person's test: in the usage figures, not in a bot's metrics
    }
    for (Attempt a : attempts) {
      lines.computeIfAbsent(new Key(bot, a.backend() == null ? "unknown" : a.backend()), k -> new Line()).add(a);
    }
  }

  /** Every line so far, by bot and backend. */
  public Map<Key, Snapshot> snapshot() {
    Map<Key, Snapshot> copy = new TreeMap<>();
    lines.forEach((k, v) -> copy.put(k, v.snapshot()));
    return copy;
  }

  /** A deleted bot's lines go with it. */
  public void forget(String bot) {
    lines.keySet().removeIf(k -> k.bot().equals(bot));
  }
}
