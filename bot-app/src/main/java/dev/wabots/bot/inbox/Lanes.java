package dev.wabots.bot.inbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One lane per customer: their messages are worked strictly one pass at a time, in order, while
 * different customers run in parallel on the executor's threads. A kick while the customer's pass
 * runs queues one more pass (which covers everything that arrived), never a second thread.
 */
final class Lanes {

  private final Executor executor;
  private final Consumer<String> work;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param work one pass over everything unfinished of a customer; its exceptions are its own to log
   */
  Lanes(Executor executor, Consumer<String> work) {
    this.executor = executor;
    this.work = work;
  }

  /** Makes sure a pass over {@code phone}'s messages runs after this call. */
  void kick(String phone) {
    lanes.compute(phone, (p, lane) -> {
      Lane l = lane == null ? new Lane() : lane;
      l.again = true;
      if (!l.running) {
        l.running = true;
        executor.execute(() -> drain(p, l));
      }
      return l;
    });
  }

  /** Whether a pass of {@code phone} runs or is queued. */
  boolean busy(String phone) {
    return lanes.containsKey(phone);
  }

  private void drain(String phone, Lane lane) {
    while (true) {
      boolean[] stop = {false};
      lanes.compute(phone, (p, current) -> {
        if (!lane.again) {
          lane.running = false;
          stop[0] = true;
          return null;
        }
        lane.again = false;
        return current;
      });
      if (stop[0]) {
        return;
      }
      try {
        work.accept(phone);
      } catch (RuntimeException e) {
        // the work logs its own failures; the lane must survive them to serve the next kick
        System.getLogger(Lanes.class.getName()).log(System.Logger.Level.ERROR, "Lane of {0} failed: {1}", phone,
            e.toString());
      }
    }
  }

  /** Guarded by the map's lock for its key. */
  private static final class Lane {
    boolean again;
    boolean running;
  }
}
