package dev.wabots.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.glassfish.grizzly.config.dom.NetworkListener;
import org.glassfish.grizzly.config.dom.ThreadPool;
import org.glassfish.grizzly.config.dom.Transport;
import org.glassfish.grizzly.threadpool.DefaultWorkerThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestThreadsTest {

  private RequestThreads pool;

  @AfterEach
  void shutDown() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void noThreadBeforeTheFirstRequestAndAWaitingThreadTakesTheNext() throws Exception {
    pool = new RequestThreads(8, 60, 100);
    assertEquals(0, pool.getPoolSize());
    for (int i = 0; i < 20; i++) {
      pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
      awaitTrue(() -> ((LinkedTransferQueue<?>) pool.getQueue()).hasWaitingConsumer());
    }
    assertEquals(1, pool.getLargestPoolSize(), "one request at a time needs one thread");
    assertEquals(0, pool.waiting());
  }

  @Test
  void busyThreadsMakeNewOnesUpToTheMaximumThenRequestsQueue() throws Exception {
    pool = new RequestThreads(4, 60, 100);
    Held held = new Held(4);
    for (int i = 0; i < 14; i++) {
      pool.execute(held.task());
    }
    assertTrue(held.started.await(10, TimeUnit.SECONDS), "four requests run at once");
    assertEquals(4, pool.getPoolSize());
    assertEquals(10, pool.getQueue().size(), "the rest wait for a thread");
    assertEquals(10, pool.waiting());
    held.release.countDown();
    awaitTrue(() -> held.ran.get() == 14);
    assertEquals(4, pool.getLargestPoolSize());
    awaitTrue(() -> pool.waiting() == 0);
  }

  @Test
  void aFullQueueRefusesWithAReasonAndLosesNothingAccepted() throws Exception {
    pool = new RequestThreads(2, 60, 3);
    Held held = new Held(2);
    Runnable blocked = held.task();
    pool.execute(blocked);
    pool.execute(blocked);
    assertTrue(held.started.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 3; i++) {
      pool.execute(blocked);
    }
    RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, () -> pool.execute(blocked));
    assertTrue(refused.getMessage().contains("queue full"), refused.getMessage());
    assertEquals(3, pool.waiting(), "the refused request is not counted");
    held.release.countDown();
    awaitTrue(() -> held.ran.get() == 5);
    awaitTrue(() -> pool.waiting() == 0);
    pool.submit(() -> { }).get(10, TimeUnit.SECONDS); // room again
  }

  @Test
  void idleThreadsEnd() throws Exception {
    pool = new RequestThreads(4, 1, 100);
    Held held = new Held(3);
    for (int i = 0; i < 3; i++) {
      pool.execute(held.task());
    }
    assertTrue(held.started.await(10, TimeUnit.SECONDS));
    assertEquals(3, pool.getPoolSize());
    held.release.countDown();
    awaitTrue(() -> pool.getPoolSize() == 0);
    pool.submit(() -> { }).get(10, TimeUnit.SECONDS); // and a thread is made again when needed
    assertEquals(1, pool.getPoolSize());
  }

  @Test
  void threadsAreGrizzlyWorkersNamedAfterThePoolAndEveryRequestStartsWithThePoolsClassLoader() throws Exception {
    pool = new RequestThreads(1, 60, 100);
    pool.configure(null, listener("http-listener", "heap"), config("http-thread-pool", "1", "60", "100"));
    AtomicReference<Thread> first = new AtomicReference<>();
    ClassLoader foreign = new URLClassLoader(new URL[0], null);
    pool.submit(() -> {
      first.set(Thread.currentThread());
      Thread.currentThread().setContextClassLoader(foreign); // as an application's request may leave it
    }).get(10, TimeUnit.SECONDS);
    AtomicReference<ClassLoader> seen = new AtomicReference<>();
    AtomicReference<Thread> second = new AtomicReference<>();
    pool.submit(() -> {
      second.set(Thread.currentThread());
      seen.set(Thread.currentThread().getContextClassLoader());
    }).get(10, TimeUnit.SECONDS);
    assertSame(first.get(), second.get(), "one thread, reused");
    assertSame(RequestThreads.class.getClassLoader(), seen.get());
    DefaultWorkerThread worker = assertInstanceOf(DefaultWorkerThread.class, first.get());
    assertEquals("http-thread-pool::http-listener(1)", worker.getName());
    assertTrue(worker.isDaemon());
    assertTrue(worker.getMemoryPool() != null, "a buffer pool of Grizzly's memory manager");
  }

  @Test
  void configuredFromThePoolsSettingsAndBadValuesKeepTheDefaults() {
    pool = new RequestThreads();
    pool.configure(null, listener("http-listener", "direct"), config("http-thread-pool", "6", "45", "50"));
    assertEquals(6, pool.getMaximumPoolSize());
    assertEquals(0, pool.getCorePoolSize(), "no thread is kept when idle");
    assertEquals(45, pool.getKeepAliveTime(TimeUnit.SECONDS));

    RequestThreads other = new RequestThreads();
    try {
      other.configure(null, listener("l", "heap"), config("p", "many", "0", ""));
      assertEquals(RequestThreads.DEFAULT_MAX_THREADS, other.getMaximumPoolSize());
      assertEquals(RequestThreads.DEFAULT_IDLE_SECONDS, other.getKeepAliveTime(TimeUnit.SECONDS));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void manySubmittersAtOnceRunEveryRequestExactlyOnceWithinTheMaximum() throws Exception {
    pool = new RequestThreads(4, 60, 100_000);
    int submitters = 8;
    int each = 2_000;
    Set<Integer> ran = ConcurrentHashMap.newKeySet();
    AtomicInteger runs = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(submitters);
    try {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int s = 0; s < submitters; s++) {
        int base = s * each;
        done.add(callers.submit(() -> {
          for (int i = 0; i < each; i++) {
            int n = base + i;
            pool.execute(() -> {
              ran.add(n);
              runs.incrementAndGet();
            });
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    awaitTrue(() -> runs.get() == submitters * each);
    assertEquals(submitters * each, ran.size(), "each request ran once");
    assertTrue(pool.getLargestPoolSize() <= 4, "at most the maximum: " + pool.getLargestPoolSize());
    awaitTrue(() -> pool.waiting() == 0);
  }

  @Test
  void afterShutdownRequestsAreRefused() throws Exception {
    pool = new RequestThreads(2, 60, 10);
    pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    assertEquals(0, pool.waiting());
    assertFalse(pool.getQueue().iterator().hasNext());
  }

  // --- helpers ---

  /** Requests that hold their thread until released: how many started, and how many ran to the end. */
  private static final class Held {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started;
    final AtomicInteger ran = new AtomicInteger();

    Held(int expectedToStart) {
      started = new CountDownLatch(expectedToStart);
    }

    Runnable task() {
      return () -> {
        started.countDown();
        await(release);
        ran.incrementAndGet();
      };
    }
  }

  private static ThreadPool config(String name, String max, String idleSeconds, String queue) {
    return proxy(ThreadPool.class, Map.of("getName", name, "getMaxThreadPoolSize", max,
        "getIdleThreadTimeoutSeconds", idleSeconds, "getMaxQueueSize", queue));
  }

  private static NetworkListener listener(String name, String byteBuffers) {
    Transport transport = proxy(Transport.class, Map.of("getByteBufferType", byteBuffers));
    return proxy(NetworkListener.class, Map.of("getName", name, "findTransport", transport));
  }

  /** A configuration bean answering the named getters (and null to the rest). */
  private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> answers.get(method.getName())));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 15 s");
      Thread.sleep(5);
    }
  }
}
