package dev.wabots.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An open-loop fixed-rate phase of a load generator: request {@code k} is due at {@code start + k ·
 * period} and handed to the next free worker thread (each with its own connection), so a slow
 * server cannot slow the sending down and hide its queueing (no coordinated omission); a request's
 * latency counts from its due time. Shared by the harnesses' generators.
 */
final class OpenLoop {

  /** What a worker does with request {@code k} on its connection; {@code due}: its intended start (nanoTime). */
  interface Send<C> {
    void send(C connection, int k, long due);
  }

  private OpenLoop() {}

  /**
   * Sends {@code count} requests, one every {@code period} ns from {@code delayMillis} on, over
   * {@code workers} threads; returns when every request was answered. Returns the start (nanoTime).
   */
  static <C extends AutoCloseable> long run(int count, long period, int workers, long delayMillis, String name,
      Supplier<C> connect, Send<C> send) throws InterruptedException {
    LinkedBlockingQueue<Integer> due = new LinkedBlockingQueue<>();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      threads[w] = new Thread(() -> {
        try (C connection = connect.get()) {
          for (Integer k; (k = due.take()) >= 0; ) {
            send.send(connection, k, start + k * period);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception closing) {
          // a connection that cannot close cleanly: nothing left to send on it
        }
      }, name + "-" + w);
      threads[w].setDaemon(true);
      threads[w].start();
    }
    for (int k = 0; k < count; k++) {
      long wait = start + k * period - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      due.add(k);
    }
    for (int w = 0; w < workers; w++) {
      due.add(-1);
    }
    for (Thread t : threads) {
      t.join();
    }
    return start;
  }
}
