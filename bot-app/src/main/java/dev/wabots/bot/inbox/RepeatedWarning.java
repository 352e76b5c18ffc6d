package dev.wabots.bot.inbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A warning that may repeat once per message: the first is written at once, the rest are counted
 * and summarised at most once a period ("AI unavailable for 1 234 messages in the last minute"),
 * so a bot with its AI down writes a few lines a minute, not one per message.
 */
final class RepeatedWarning {

  private final Duration period;
  private Instant periodStart;
  private long count;
  private String lastDetail;

  RepeatedWarning(Duration period) {
    this.period = period;
  }

  /** A line to write now for this occurrence, or null (it is counted for the next summary). */
  synchronized Line occurred(Instant now, String detail) {
    lastDetail = detail;
    if (periodStart == null) {
      periodStart = now;
      return new Line(1, detail, true);
    }
    count++;
    return due(now);
  }

  /** The summary of the counted occurrences if the period is over (called on a timer too), else null. */
  synchronized Line due(Instant now) {
    if (periodStart == null || Duration.between(periodStart, now).compareTo(period) < 0) {
      return null;
    }
    Line line = count == 0 ? null : new Line(count, lastDetail, false);
    periodStart = count == 0 ? null : now;
    count = 0;
    return line;
  }

  /** What to write: {@code first} for the first occurrence after a quiet period, else a summary of {@code count}. */
  record Line(long count, String detail, boolean first) {}
}
