package dev.wabots.conversations.control;

import dev.wabots.contract.EventAck;
import dev.wabots.contract.EventBatch;
import dev.wabots.platform.Unavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The bots' event batches are stored in arrival order, one transaction at a time, and the batches
 * that arrive while one is being stored go together in the next transaction (a group commit).
 *
 * <p>SQLite has one writer: batches of several bots arriving together used to meet inside SQLite,
 * where a waiting writer sleeps and polls (busy_timeout) instead of queueing — a batch waited there
 * past the 5 s timeout, was answered 503 after its work was done and thrown away (BENCHMARKS.md).
 * Then they queued in a fair lock, one transaction per batch; on a machine whose cores are all
 * taken, each hand-on of the lock waited for the next thread to be scheduled, and five busy bots'
 * deliveries waited behind each other's transactions. Now one request thread (the leader) stores
 * every batch queued by then in one transaction (up to {@link #GROUP_EVENTS} events); the others
 * wait for their outcome, or lead the next group. When a group's transaction fails, each of its
 * batches is stored alone, so that one bad batch does not fail the others.
 */
@ApplicationScoped
public class EventTurns {

  /** Longer than several full groups of a busy machine, shorter than the bot's 30 s timeout. */
  static final Duration WAIT = Duration.ofSeconds(20);

  /** Events stored in one transaction at most (a group takes at least one batch, whatever its size). */
  static final int GROUP_EVENTS = 2_000;

  /** One bot's batch, delivered by its request. */
  public record Delivery(String bot, EventBatch batch) {}

  /** Stores deliveries in one transaction, answering each one's acknowledgement in order. */
  public interface Store {
    List<EventAck> all(List<Delivery> group);

    EventAck one(Delivery delivery);
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stored = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean leading;
  private final Duration wait;

  @Inject DeliveryLag lag;

  public EventTurns() {
    this(WAIT);
  }

  EventTurns(Duration wait) {
    this.wait = wait;
  }

  /**
   * Stores {@code batch} of {@code bot} with {@code store}, together with the batches queued beside
   * it, and answers its acknowledgement or throws what storing it threw.
   *
   * @throws Unavailable when its turn does not come within {@link #WAIT} (the bot tries again)
   */
  public EventAck store(String bot, EventBatch batch, Store store) {
    Pending mine = new Pending(new Delivery(bot, batch), System.nanoTime());
    long deadline = mine.queuedAt + wait.toNanos();
    lock.lock();
    try {
      queue.add(mine);
      while (!mine.done) {
        if (!leading) {
          leading = true;
          try {
            lead(mine, store);
          } finally {
            leading = false;
            stored.signalAll(); // a waiting batch that is still queued leads the next group
          }
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 && queue.remove(mine)) {
          throw new Unavailable("events of other bots are being stored; try again");
        }
        // once taken into a group, its outcome comes with the group's
        stored.awaitNanos(left > 0 ? left : TimeUnit.MILLISECONDS.toNanos(100));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (queue.remove(mine)) {
        throw new Unavailable("interrupted while waiting to store the events; try again");
      }
      // already being stored: its outcome is the group's, which this thread no longer waits for
      throw new Unavailable("interrupted while the events were being stored; try again");
    } finally {
      lock.unlock();
    }
    return mine.outcome();
  }

  /** Stores groups (the lock held between them, not during them) until {@code mine} is stored. */
  private void lead(Pending mine, Store store) {
    while (!mine.done) {
      List<Pending> group = new ArrayList<>();
      int events = 0;
      while (!queue.isEmpty()
          && (group.isEmpty() || events + queue.peek().delivery.batch().events().size() <= GROUP_EVENTS)) {
        Pending next = queue.poll();
        events += next.delivery.batch().events().size();
        group.add(next);
      }
      lock.unlock();
      try {
        storeGroup(group, store);
      } finally {
        lock.lock();
      }
      stored.signalAll();
    }
  }

  /** Gives every pending batch of {@code group} its outcome (never throws). */
  private void storeGroup(List<Pending> group, Store store) {
    long start = System.nanoTime();
    try {
      List<EventAck> acks = group.size() == 1 ? List.of(store.one(group.get(0).delivery))
          : store.all(group.stream().map(p -> p.delivery).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).ack = acks.get(i);
      }
    } catch (RuntimeException | Error failed) {
      if (group.size() == 1) {
        group.get(0).failure = failed;
      } else {
        for (Pending p : group) { // alone, each batch gets its own outcome
          try {
            p.ack = store.one(p.delivery);
          } catch (RuntimeException | Error e) {
            p.failure = e;
          }
        }
      }
    }
    long end = System.nanoTime();
    lock.lock();
    try {
      for (Pending p : group) {
        p.done = true;
        if (lag != null) {
          lag.turn(TimeUnit.NANOSECONDS.toMillis(start - p.queuedAt), TimeUnit.NANOSECONDS.toMillis(end - start));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Batches waiting for their group now. */
  public int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private static final class Pending {
    final Delivery delivery;
    final long queuedAt;
    boolean done;
    EventAck ack;
    Throwable failure;

    Pending(Delivery delivery, long queuedAt) {
      this.delivery = delivery;
      this.queuedAt = queuedAt;
    }

    EventAck outcome() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return ack;
    }
  }
}
