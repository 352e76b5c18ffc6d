package dev.wabots.conversations.control;

import dev.wabots.platform.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The bots' event batches are stored one at a time, in arrival order. Each batch is one write
 * transaction of the orchestrator's database, and SQLite has one writer: batches of several bots
 * arriving together used to meet inside SQLite, where a waiting writer sleeps and polls
 * (busy_timeout) instead of queueing — under load a batch waited there past the 5 s timeout, was
 * answered 503 after its work was done and thrown away, and its bot backed off for up to 30 s
 * (event delivery lag of tens of seconds at 50 messages/s, BENCHMARKS.md). Here they queue in a
 * fair lock before their transaction begins, so a batch starts its transaction when the previous
 * one has committed.
 *
 * <p>Storing the batches that queue meanwhile together in one transaction (a group commit) was
 * tried and not kept: a transaction's own cost here is small next to its events' (no fsync at
 * commit, {@code synchronous=NORMAL}), so a group saves little, and every batch of it waits for the
 * whole group instead of only for those ahead of it (BENCHMARKS.md, event delivery lag).
 */
@ApplicationScoped
public class EventTurns {

  /** Longer than several full batches of a busy machine, shorter than the bot's 30 s timeout. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ReentrantLock turn = new ReentrantLock(true);

  @Inject DeliveryLag lag;

  /**
   * Runs {@code store} (which begins and commits its own transaction) when no other batch is being
   * stored.
   *
   * @throws Unavailable when the turn does not come within {@link #WAIT} (the bot tries again)
   */
  public <T> T inTurn(Supplier<T> store) {
    long asked = System.nanoTime();
    try {
      if (!turn.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Unavailable("events of other bots are being stored; try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting to store the events; try again");
    }
    long got = System.nanoTime();
    try {
      T stored = store.get();
      lag.turn(TimeUnit.NANOSECONDS.toMillis(got - asked), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - got));
      return stored;
    } finally {
      turn.unlock();
    }
  }

  /** Batches waiting for their turn now. */
  public int waiting() {
    return turn.getQueueLength();
  }
}
