package dev.wabots.llm.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Questions in a row a bot's AI could not answer. The owner hears of it once when a streak
 * reaches {@value #ALERT_AFTER}; an answer ends the streak.
 */
@ApplicationScoped
public class AiFailureStreaks {

  public static final int ALERT_AFTER = 5;

  private final Map<String, AtomicInteger> streaks = new ConcurrentHashMap<>();

  /** Counts an answer or a failure; @return whether an alert is due now */
  public boolean after(String bot, boolean answered) {
    if (answered) {
      streaks.remove(bot);
      return false;
    }
    return streaks.computeIfAbsent(bot, b -> new AtomicInteger()).incrementAndGet() == ALERT_AFTER;
  }

  /** Questions in a row without an answer, per bot with a streak now. */
  public Map<String, Integer> current() {
    Map<String, Integer> now = new java.util.TreeMap<>();
    streaks.forEach((bot, n) -> now.put(bot, n.get()));
    return now;
  }
}
