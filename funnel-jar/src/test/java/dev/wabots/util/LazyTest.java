package dev.wabots.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

  @Test
  void makesNothingUntilAskedThenTheSameValue() {
    AtomicInteger made = new AtomicInteger();
    Lazy<Object> lazy = new Lazy<>(() -> {
      made.incrementAndGet();
      return new Object();
    });
    assertFalse(lazy.made());
    assertEquals(0, made.get());
    Object first = lazy.get();
    assertTrue(lazy.made());
    assertSame(first, lazy.get());
    assertEquals(1, made.get());
  }

  @Test
  void manyThreadsAskingAtOnceGetOneValue() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Lazy<Object> lazy = new Lazy<>(() -> {
      made.incrementAndGet();
      return new Object();
    });
    CountDownLatch go = new CountDownLatch(1);
    List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        seen.add(lazy.get());
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, made.get());
    assertEquals(8, seen.size());
    seen.forEach(v -> assertSame(seen.get(0), v));
  }

  @Test
  void aFailedMakingIsTriedAgainAtTheNextCall() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = new Lazy<>(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("not yet");
      }
      return "ok";
    });
    assertThrows(IllegalStateException.class, lazy::get);
    assertFalse(lazy.made());
    assertEquals("ok", lazy.get());
  }
}
