package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LanesTest {

  @Test
  void oneCustomerIsNeverWorkedByTwoThreadsAndEveryKickIsCoveredByALaterPass() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> kicked = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    Lanes lanes = new Lanes(pool, phone -> {
      if (inside.computeIfAbsent(phone, p -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      // a pass covers every kick made before it started
      seen.computeIfAbsent(phone, p -> new AtomicInteger()).set(kicked.get(phone).get());
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inside.get(phone).decrementAndGet();
    });
    for (int i = 0; i < 2000; i++) {
      String phone = "7900000000" + (i % 5);
      kicked.computeIfAbsent(phone, p -> new AtomicInteger()).incrementAndGet();
      lanes.kick(phone);
    }
    BotCore.await(() -> kicked.keySet().stream().noneMatch(lanes::busy), Duration.ofSeconds(20), "all lanes idle");
    pool.shutdown();
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    assertEquals(0, overlaps.get(), "a customer was worked by two threads at once");
    kicked.forEach((phone, n) -> assertEquals(n.get(), seen.get(phone).get(), "the last kick of " + phone + " was seen"));
  }

  @Test
  void aFailingPassDoesNotStopTheLane() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicInteger passes = new AtomicInteger();
    Lanes lanes = new Lanes(pool, phone -> {
      if (passes.incrementAndGet() == 1) {
        throw new IllegalStateException("boom");
      }
    });
    lanes.kick("1");
    BotCore.await(() -> !lanes.busy("1"), Duration.ofSeconds(5), "idle");
    lanes.kick("1");
    BotCore.await(() -> passes.get() == 2, Duration.ofSeconds(5), "second pass");
    BotCore.await(() -> !lanes.busy("1"), Duration.ofSeconds(5), "idle again");
    assertFalse(lanes.busy("1"));
    pool.shutdownNow();
  }
}
