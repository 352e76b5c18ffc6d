package dev.wabots.processes.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a bot dies on its own: restart after 1 s, doubling to 60 s with each crash in a row; five
 * crashes within ten minutes is a crash loop, and then no more restarts until someone starts it.
 * One instance per bot; not thread-safe (the supervisor holds the bot's lock).
 */
public final class CrashPolicy {

  public static final int LOOP_CRASHES = 5;
  public static final Duration LOOP_WINDOW = Duration.ofMinutes(10);
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(60);
  /** A run this long resets the doubling: the bot was healthy in between. */
  static final Duration STABLE_RUN = Duration.ofMinutes(10);

  private final Deque<Instant> crashes = new ArrayDeque<>();
  private final Duration firstDelay;
  private int inARow;

  public CrashPolicy() {
    this(FIRST_DELAY);
  }

  /** @param firstDelay the pause before the first restart (doubling after each crash in a row) */
  public CrashPolicy(Duration firstDelay) {
    this.firstDelay = firstDelay;
  }

  /** What to do after a crash at {@code now} of a run that started at {@code startedAt}. */
  public Decision crashed(Instant now, Instant startedAt) {
    if (startedAt != null && Duration.between(startedAt, now).compareTo(STABLE_RUN) >= 0) {
      inARow = 0;
    }
    crashes.addLast(now);
    while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(LOOP_WINDOW))) {
      crashes.pollFirst();
    }
    if (crashes.size() >= LOOP_CRASHES) {
      return new Decision(true, null);
    }
    Duration delay = firstDelay.multipliedBy(1L << Math.min(inARow, 6));
    inARow++;
    return new Decision(false, delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
  }

  /** An admin started the bot by hand: history forgiven. */
  public void reset() {
    crashes.clear();
    inARow = 0;
  }

  /** Either give up ({@code loop}) or restart after {@code delay}. */
  public record Decision(boolean loop, Duration delay) {}
}
