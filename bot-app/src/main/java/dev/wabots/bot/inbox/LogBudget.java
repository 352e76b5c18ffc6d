package dev.wabots.bot.inbox;

/**
 * At most a few log lines of one kind per second. A flood (a blocked number writing hundreds of
 * times a second) would otherwise fill the bot's log and spend its CPU on formatting; every message
 * is still recorded in the inbox, and the next line written says how many were left out.
 */
final class LogBudget {

  private final int perSecond;
  private long second = Long.MIN_VALUE;
  private int used;
  private long skipped;

  LogBudget(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    this.perSecond = perSecond;
  }

  /**
   * Whether a line may be written at {@code nowMillis}: -1 when not, else how many lines were left
   * out since the last one written (to say so in this one).
   */
  synchronized long take(long nowMillis) {
    long s = Math.floorDiv(nowMillis, 1000);
    if (s != second) {
      second = s;
      used = 0;
    }
    if (used >= perSecond) {
      skipped++;
      return -1;
    }
    used++;
    long before = skipped;
    skipped = 0;
    return before;
  }
}
