package dev.wabots.bot.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbound pacing: at most N messages a second for the bot's phone number (Meta's default
 * throughput is 80/s) and, per user, Meta's pair rate (bursts up to 45, then one every 6 s). A
 * caller waits only for its own user's bucket and the shared one — other users are not held up.
 *
 * <p>A user's bucket that has filled up again is the same as none (a new bucket starts full), so
 * full buckets are dropped at most every {@link #SWEEP_EVERY}: the map holds the users written to
 * in the last minutes (a full bucket of Meta's pair rate is one untouched for 4.5 minutes), not
 * every customer since the start (up to 100 000 before: ~130 bytes each, estimated, in the old
 * generation of a heap of 128 MB).
 */
public final class Pacer {

  private final Bucket number;
  private final Map<String, Bucket> users = new ConcurrentHashMap<>();
  private final int pairBurst;
  private final double pairPerSecond;
  /** How often, at most, full buckets are looked for. */
  static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofSeconds(60);
  private final long sweepEveryNanos;
  private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

  public Pacer(int perSecond, int pairBurst, double pairPerSecond) {
    this(perSecond, pairBurst, pairPerSecond, SWEEP_EVERY);
  }

  Pacer(int perSecond, int pairBurst, double pairPerSecond, java.time.Duration sweepEvery) {
    this.number = new Bucket(perSecond, perSecond);
    this.pairBurst = pairBurst;
    this.pairPerSecond = pairPerSecond;
    this.sweepEveryNanos = sweepEvery.toNanos();
  }

  /** Users with a bucket now (tests, diagnostics). */
  int users() {
    return users.size();
  }

  /** Blocks until a message to {@code phone} may go. */
  public void acquire(String phone) throws InterruptedException {
    users.computeIfAbsent(phone, p -> new Bucket(pairBurst, pairPerSecond)).take();
    number.take();
    long last = lastSweep.get();
    long now = System.nanoTime();
    if (now - last >= sweepEveryNanos && lastSweep.compareAndSet(last, now)) {
      users.values().removeIf(Bucket::full);
    }
  }

  /** A token bucket. */
  static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last = System.nanoTime();

    Bucket(double capacity, double perSecond) {
      this.capacity = capacity;
      this.perNano = perSecond / 1e9;
      this.tokens = capacity;
    }

    void take() throws InterruptedException {
      while (true) {
        long waitNanos;
        synchronized (this) {
          refill();
          if (tokens >= 1) {
            tokens -= 1;
            return;
          }
          waitNanos = (long) ((1 - tokens) / perNano);
        }
        Thread.sleep(Math.max(1, waitNanos / 1_000_000));
      }
    }

    synchronized boolean full() {
      refill();
      return tokens >= capacity;
    }

    private void refill() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
    }
  }
}
