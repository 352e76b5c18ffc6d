package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.llm.entity.LlmCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageQueueTest {

  final UsageQueue queue = new UsageQueue();
  final List<List<LlmCall>> stored = new ArrayList<>();

  static Attempt answered(String backend) {
    return new Attempt(backend, "m-1", new Completion("hi", "m-1", 12, 3), null, 40);
  }

  static Attempt failed(String backend) {
    return new Attempt(backend, "m-2", null, new UpstreamFailure(ErrorKind.SERVER, 503, "busy"), 900);
  }

  @Test
  void everyAttemptIsOneRowAndADrainStoresThemAsOneBatch() {
    queue.add("bot-1", List.of(failed("openai"), answered("gemini")));
    queue.add(null, List.of(answered("openai")));
    assertEquals(3, queue.size());
    assertEquals(3, queue.drain(stored::add));
    assertEquals(1, stored.size(), "one batch");
    List<LlmCall> rows = stored.get(0);
    assertFalse(rows.get(0).ok());
    assertEquals(503, rows.get(0).httpStatus());
    assertTrue(rows.get(1).ok());
    assertEquals(12, rows.get(1).promptTokens());
    assertEquals("bot-1", rows.get(1).instanceId());
    assertEquals(null, rows.get(2).instanceId(), "a provider test has no bot");
    assertEquals(0, queue.drain(stored::add), "nothing left");
    assertEquals(1, stored.size(), "an empty queue stores nothing");
  }

  @Test
  void aFailedStoreIsPassedOnAndItsRowsAreNotQueuedAgain() {
    queue.add("bot-1", List.of(answered("openai")));
    assertThrows(IllegalStateException.class, () -> queue.drain(b -> {
      throw new IllegalStateException("database busy");
    }));
    assertEquals(0, queue.size());
    queue.add("bot-1", List.of(answered("openai")));
    assertEquals(1, queue.drain(stored::add), "the next drain goes on");
  }

  @Test
  void aReaderDrainingWhileABatchIsStoredWaitsForIt() throws Exception {
    queue.add("bot-1", List.of(answered("openai")));
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread writer = new Thread(() -> queue.drain(b -> {
      storing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (stored) {
        stored.add(b);
      }
    }));
    writer.start();
    assertTrue(storing.await(5, TimeUnit.SECONDS));
    Thread reader = new Thread(() -> queue.drain(b -> {}));
    reader.start();
    reader.join(200);
    assertTrue(reader.isAlive(), "the reader waits while the batch is stored");
    release.countDown();
    reader.join(5000);
    writer.join(5000);
    assertFalse(reader.isAlive());
    assertEquals(1, stored.size(), "the batch in flight was stored before the reader went on");
  }
}
