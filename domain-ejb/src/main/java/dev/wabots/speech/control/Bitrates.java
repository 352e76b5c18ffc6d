package dev.wabots.speech.control;

/**
 * The Opus bitrate for a voice note: the preferred one (24 kbit/s mono, ~180 KB a minute) unless
 * the note would then exceed the size limit, in which case the highest rate that fits, not below
 * 6 kbit/s (Opus's floor for intelligible speech). Ogg framing adds ~2 %; 8 % is kept in reserve.
 */
public final class Bitrates {

  public static final int MIN_KBPS = 6;
  static final double RESERVE = 0.92;

  private Bitrates() {}

  public static int forDuration(long durationMillis, long maxBytes, int preferredKbps) {
    if (durationMillis <= 0) {
      return preferredKbps;
    }
    long fitting = (long) Math.floor(maxBytes * 8 * RESERVE / (durationMillis / 1000.0) / 1000.0);
    return (int) Math.max(MIN_KBPS, Math.min(preferredKbps, fitting));
  }
}
