package dev.wabots.conversations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long conversation events took from the bot's transaction to the orchestrator's database
 * (the bot's event time to its storing here), since the start or the last reset: count and
 * percentiles over the newest {@value #KEPT} events. Beside it, per delivery, the two parts the
 * orchestrator adds ({@link EventTurns}): the wait for the turn to store and the storing itself;
 * the rest of an event's lag is the bot's (its outbox, the request on its way).
 */
@ApplicationScoped
public class DeliveryLag {

  static final int KEPT = 200_000;

  private final Series lag = new Series(KEPT);
  private final Series turnWait = new Series(KEPT / 10);
  private final Series store = new Series(KEPT / 10);

  private long batches;

  /**
   * The figures now; {@code batches}: the deliveries that brought them (one per bot request); the
   * turn wait and store percentiles are over the deliveries that were stored.
   */
  public record Figures(long count, long batches, long p50Ms, long p90Ms, long p99Ms, long maxMs,
      long turnWaitP50Ms, long turnWaitP99Ms, long storeP50Ms, long storeP99Ms) {}

  private final Map<String, Long> lastByBot = new ConcurrentHashMap<>();

  /** The lag of the newest event stored from {@code bot}. */
  public void record(String bot, long lagMs) {
    lastByBot.put(bot, lagMs);
    record(lagMs);
  }

  /** Per bot, the lag of its newest stored event (ms). */
  public Map<String, Long> lastByBot() {
    return new TreeMap<>(lastByBot);
  }

  /** A delivery of events arrived (counted whether or not it held new ones). */
  public synchronized void batch() {
    batches++;
  }

  public synchronized void record(long lagMs) {
    lag.add(lagMs);
  }

  /** A delivery waited {@code waitMs} for its turn, then took {@code storeMs} to store. */
  public synchronized void turn(long waitMs, long storeMs) {
    turnWait.add(waitMs);
    store.add(storeMs);
  }

  public synchronized Figures figures() {
    long[] events = lag.sorted();
    long[] waits = turnWait.sorted();
    long[] stores = store.sorted();
    return new Figures(lag.count, batches, at(events, 0.50), at(events, 0.90), at(events, 0.99), lag.max,
        at(waits, 0.50), at(waits, 0.99), at(stores, 0.50), at(stores, 0.99));
  }

  public synchronized void reset() {
    batches = 0;
    lag.reset();
    turnWait.reset();
    store.reset();
  }

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /**
   * The newest samples of one figure (a ring), with the count and maximum since the reset. The ring
   * is made at the first sample: CDI's client proxy of this bean runs the same field initialisers
   * and never records, and ~1.9 MB of rings there stayed in the heap for nothing.
   */
  private static final class Series {
    private final int kept;
    private long[] samples;
    private long count;
    private long max;

    Series(int kept) {
      this.kept = kept;
    }

    void add(long value) {
      if (samples == null) {
        samples = new long[kept];
      }
      samples[(int) (count % samples.length)] = value;
      count++;
      max = Math.max(max, value);
    }

    long[] sorted() {
      if (samples == null) {
        return new long[0];
      }
      long[] sorted = Arrays.copyOf(samples, (int) Math.min(count, samples.length));
      Arrays.sort(sorted);
      return sorted;
    }

    void reset() {
      count = 0;
      max = 0;
    }
  }
}
