package dev.wabots.funnel.store;

import dev.wabots.util.FixedDigits;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The stored time format: ISO-8601 UTC with milliseconds, fixed width ({@code
 * 2025-06-01T10:00:00.123Z}), so text order is time order. Hand-written because it is on the hot
 * path of every step; anything else ISO-8601 is still read through {@link Instant#parse}.
 */
final class Timestamps {
  private static final int LENGTH = 24;

  private Timestamps() {}

  static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      throw new IllegalArgumentException("year out of range: " + instant);
    }
    char[] out = new char[LENGTH];
    digits(out, 0, t.getYear(), 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, t.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  static Instant parse(String text) {
    if (text.length() != LENGTH || text.charAt(10) != 'T' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
      return Instant.parse(text);
    }
    try {
      return LocalDateTime.of(
              number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
              number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), number(text, 20, 3) * 1_000_000)
          .toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw new DateTimeParseException("not a stored timestamp", text, 0, e);
    }
  }

  private static void digits(char[] out, int at, int value, int width) {
    FixedDigits.write(out, at, value, width);
  }

  private static int number(String text, int at, int width) {
    int value = FixedDigits.read(text, at, width);
    if (value < 0) {
      throw new NumberFormatException("not a digit in " + at + ".." + (at + width - 1));
    }
    return value;
  }
}
