package dev.wabots.conversations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * How long conversation events took from the bot's transaction to the orchestrator's database
 * (the bot's event time to its storing here), since the start or the last reset: count and
 * percentiles over the newest {@value #KEPT} events.
 */
@ApplicationScoped
public class DeliveryLag {

  static final int KEPT = 200_000;

  private final long[] samples = new long[KEPT];
  private long count;
  private long max;

  private long batches;

  /** The figures now; {@code batches}: the deliveries that brought them (one per bot request). */
  public record Figures(long count, long batches, long p50Ms, long p90Ms, long p99Ms, long maxMs) {}

  private final java.util.Map<String, Long> lastByBot = new java.util.concurrent.ConcurrentHashMap<>();

  /** The lag of the newest event stored from {@code bot}. */
  public void record(String bot, long lagMs) {
    lastByBot.put(bot, lagMs);
    record(lagMs);
  }

  /** Per bot, the lag of its newest stored event (ms). */
  public java.util.Map<String, Long> lastByBot() {
    return new java.util.TreeMap<>(lastByBot);
  }

  /** A delivery of events arrived (counted whether or not it held new ones). */
  public synchronized void batch() {
    batches++;
  }

  public synchronized void record(long lagMs) {
    samples[(int) (count % KEPT)] = lagMs;
    count++;
    max = Math.max(max, lagMs);
  }

  public synchronized Figures figures() {
    int n = (int) Math.min(count, KEPT);
    if (n == 0) {
      return new Figures(0, batches, 0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(samples, n);
    Arrays.sort(sorted);
    return new Figures(count, batches, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), max);
  }

  public synchronized void reset() {
    count = 0;
    batches = 0;
    max = 0;
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
