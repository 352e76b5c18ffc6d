package dev.wabots.conversations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.contract.BotEvent;
import dev.wabots.contract.EventAck;
import dev.wabots.contract.EventBatch;
import dev.wabots.platform.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EventTurnsTest {

  /** A store that records its calls, answers each batch's size as its upTo, and can be held. */
  static final class Recording implements EventTurns.Store {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release;
    Predicate<List<EventTurns.Delivery>> groupFails = g -> false;
    Predicate<String> botFails = b -> false;
    final RuntimeException failure = new IllegalStateException("constraint failed");

    Recording(boolean held) {
      release = new CountDownLatch(held ? 1 : 0);
    }

    @Override
    public List<EventAck> all(List<EventTurns.Delivery> group) {
      record(group);
      if (groupFails.test(group)) {
        throw failure;
      }
      return group.stream().map(Recording::ack).toList();
    }

    @Override
    public EventAck one(EventTurns.Delivery delivery) {
      record(List.of(delivery));
      if (botFails.test(delivery.bot())) {
        throw failure;
      }
      return ack(delivery);
    }

    private void record(List<EventTurns.Delivery> group) {
      calls.add(group.stream().map(EventTurns.Delivery::bot).toList());
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static EventAck ack(EventTurns.Delivery d) {
      return new EventAck(d.batch().stream(), d.batch().events().size());
    }
  }

  static EventBatch batch(String bot, int events) {
    BotEvent e = new BotEvent(1, Instant.EPOCH, "79001110001", new BotEvent.AiFailed("x"));
    return new EventBatch(bot, "stream-" + bot, Collections.nCopies(events, e));
  }

  /** Starts a delivery in its own thread; its outcome (ack or exception) lands in {@code outcomes}. */
  static Thread deliver(EventTurns turns, Recording store, String bot, int events, Map<String, Object> outcomes) {
    Thread t = new Thread(() -> {
      try {
        outcomes.put(bot, turns.store(bot, batch(bot, events), store));
      } catch (RuntimeException e) {
        outcomes.put(bot, e);
      }
    });
    t.start();
    return t;
  }

  static void awaitQueued(EventTurns turns, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (turns.waiting() < n) {
      assertTrue(System.nanoTime() < deadline, "only " + turns.waiting() + " of " + n + " queued");
      Thread.sleep(5);
    }
  }

  @Test
  void batchesQueuedWhileOneIsStoredGoTogetherInTheNextTransaction() throws Exception {
    EventTurns turns = new EventTurns();
    Recording store = new Recording(true);
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    threads.add(deliver(turns, store, "bot-0", 3, outcomes));
    assertTrue(store.entered.await(10, TimeUnit.SECONDS));
    for (int i = 1; i <= 10; i++) {
      threads.add(deliver(turns, store, "bot-" + i, i, outcomes));
      awaitQueued(turns, i); // in this order
    }
    store.release.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    List<String> waited = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      waited.add("bot-" + i);
    }
    assertEquals(List.of(List.of("bot-0"), waited), store.calls, "two transactions for eleven batches, in order");
    for (int i = 0; i <= 10; i++) {
      assertEquals(new EventAck("stream-bot-" + i, i == 0 ? 3 : i), outcomes.get("bot-" + i), "each its own answer");
    }
    assertEquals(0, turns.waiting());
  }

  @Test
  void whenAGroupFailsEachBatchIsStoredAloneAndOnlyTheBadOneFails() throws Exception {
    EventTurns turns = new EventTurns();
    Recording store = new Recording(true);
    store.groupFails = g -> g.stream().anyMatch(d -> d.bot().equals("bad"));
    store.botFails = "bad"::equals;
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    threads.add(deliver(turns, store, "first", 1, outcomes));
    assertTrue(store.entered.await(10, TimeUnit.SECONDS));
    int queued = 0;
    for (String bot : List.of("a", "bad", "b")) {
      threads.add(deliver(turns, store, bot, 2, outcomes));
      awaitQueued(turns, ++queued);
    }
    store.release.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertEquals(List.of(List.of("first"), List.of("a", "bad", "b"), List.of("a"), List.of("bad"), List.of("b")),
        store.calls);
    assertEquals(new EventAck("stream-a", 2), outcomes.get("a"));
    assertEquals(new EventAck("stream-b", 2), outcomes.get("b"));
    assertSame(store.failure, outcomes.get("bad"), "the bad batch's own failure reaches its bot");
  }

  @Test
  void aGroupHoldsAtMostItsShareOfEventsButAlwaysOneBatch() throws Exception {
    EventTurns turns = new EventTurns();
    Recording store = new Recording(true);
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    threads.add(deliver(turns, store, "first", 1, outcomes));
    assertTrue(store.entered.await(10, TimeUnit.SECONDS));
    int[] sizes = {800, 800, 800, 2_500, 10};
    for (int i = 0; i < sizes.length; i++) {
      threads.add(deliver(turns, store, "q" + i, sizes[i], outcomes));
      awaitQueued(turns, i + 1);
    }
    store.release.countDown();
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertEquals(List.of(List.of("first"), List.of("q0", "q1"), List.of("q2"), List.of("q3"), List.of("q4")),
        store.calls, "1 600 events, then 800 (800 more would pass 2 000), a batch larger than a group alone");
    assertEquals(new EventAck("stream-q3", 2_500), outcomes.get("q3"));
  }

  @Test
  void aBatchWhoseTurnDoesNotComeInTimeIsRefusedAndNeverStored() throws Exception {
    EventTurns turns = new EventTurns(Duration.ofMillis(200));
    Recording store = new Recording(true);
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    Thread first = deliver(turns, store, "slow", 1, outcomes);
    assertTrue(store.entered.await(10, TimeUnit.SECONDS));
    Thread late = deliver(turns, store, "late", 1, outcomes);
    late.join(10_000);
    assertTrue(outcomes.get("late") instanceof Unavailable, String.valueOf(outcomes.get("late")));
    assertEquals(0, turns.waiting());
    store.release.countDown();
    first.join(10_000);
    assertEquals(List.of(List.of("slow")), store.calls, "the refused batch is not stored (its bot sends it again)");
    // the next delivery finds no leader left behind
    assertEquals(new EventAck("stream-next", 4), turns.store("next", batch("next", 4), store));
  }

  @Test
  void anErrorWhileStoringReachesTheBatchesAndTheNextGroupIsStored() throws Exception {
    EventTurns turns = new EventTurns();
    Recording store = new Recording(false);
    store.botFails = "oom"::equals;
    Error oom = new OutOfMemoryError("test");
    EventTurns.Store failing = new EventTurns.Store() {
      @Override
      public List<EventAck> all(List<EventTurns.Delivery> group) {
        return store.all(group);
      }

      @Override
      public EventAck one(EventTurns.Delivery delivery) {
        if (delivery.bot().equals("oom")) {
          throw oom;
        }
        return store.one(delivery);
      }
    };
    assertSame(oom, assertThrows(OutOfMemoryError.class, () -> turns.store("oom", batch("oom", 1), failing)));
    assertEquals(new EventAck("stream-ok", 1), turns.store("ok", batch("ok", 1), failing));
  }
}
