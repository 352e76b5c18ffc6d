package dev.wabots.bot.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbound pacing: at most N messages a second for the bot's phone number (Meta's default
 * throughput is 80/s) and, per user, Meta's pair rate (bursts up to 45, then one every 6 s). A
 * caller waits only for its own user's bucket and the shared one — other users are not held up.
 */
public final class Pacer {

  private final Bucket number;
  private final Map<String, Bucket> users = new ConcurrentHashMap<>();
  private final int pairBurst;
  private final double pairPerSecond;

  public Pacer(int perSecond, int pairBurst, double pairPerSecond) {
    this.number = new Bucket(perSecond, perSecond);
    this.pairBurst = pairBurst;
    this.pairPerSecond = pairPerSecond;
  }

  /** Blocks until a message to {@code phone} may go. */
  public void acquire(String phone) throws InterruptedException {
    users.computeIfAbsent(phone, p -> new Bucket(pairBurst, pairPerSecond)).take();
    number.take();
    if (users.size() > 100_000) {
      users.entrySet().removeIf(e -> e.getValue().full());
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
