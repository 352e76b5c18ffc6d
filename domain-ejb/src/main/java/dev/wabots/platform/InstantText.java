package dev.wabots.platform;

import dev.wabots.util.FixedDigits;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Stores {@link Instant} as ISO-8601 UTC text of fixed width (earlier rows without the fraction
 * still read). JPA 3.1 has no basic mapping for Instant:
 * EclipseLink would serialise it into a blob and later hand back a half-built entity.
 *
 * <p>The fixed form (years 0000–9999) is written and read by hand: every conversation, lead and
 * message an event batch loads converts several timestamps, and {@code Instant.parse} was 2.6 % of
 * a busy orchestrator's samples (BENCHMARKS.md). Any other text goes through {@code Instant.parse}.
 */
@Converter(autoApply = true)
public class InstantText implements AttributeConverter<Instant, String> {

  /** Always nine fraction digits: fixed width, so text order is time order (SQLite compares text). */
  static final java.time.format.DateTimeFormatter FIXED = java.time.format.DateTimeFormatter
      .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** The stored form, for native queries comparing stored times. */
  public static final java.util.function.Function<Instant, String> FIXED_TEXT = InstantText::fixed;

  private static final int LENGTH = "2026-01-01T00:00:00.000000000Z".length();
  private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long LAST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

  @Override
  public String convertToDatabaseColumn(Instant value) {
    return value == null ? null : fixed(value);
  }

  @Override
  public Instant convertToEntityAttribute(String text) {
    if (text == null) {
      return null;
    }
    Instant fixed = parseFixed(text);
    return fixed != null ? fixed : Instant.parse(text);
  }

  /** The instant in the stored form: {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'}. */
  static String fixed(Instant value) {
    long seconds = value.getEpochSecond();
    if (seconds < FIRST || seconds > LAST) {
      return FIXED.format(value);
    }
    long day = Math.floorDiv(seconds, 86_400);
    int second = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    char[] out = new char[LENGTH];
    FixedDigits.write(out, 0, date.getYear(), 4);
    out[4] = '-';
    FixedDigits.write(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    FixedDigits.write(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    FixedDigits.write(out, 11, second / 3600, 2);
    out[13] = ':';
    FixedDigits.write(out, 14, second / 60 % 60, 2);
    out[16] = ':';
    FixedDigits.write(out, 17, second % 60, 2);
    out[19] = '.';
    FixedDigits.write(out, 20, value.getNano(), 9);
    out[29] = 'Z';
    return new String(out);
  }

  /** The instant of text in exactly the stored form, or null for any other text. */
  static Instant parseFixed(String text) {
    if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(29) != 'Z') {
      return null;
    }
    int year = FixedDigits.read(text, 0, 4);
    int month = FixedDigits.read(text, 5, 2);
    int day = FixedDigits.read(text, 8, 2);
    int hour = FixedDigits.read(text, 11, 2);
    int minute = FixedDigits.read(text, 14, 2);
    int second = FixedDigits.read(text, 17, 2);
    int nano = FixedDigits.read(text, 20, 9);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59 || nano < 0 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null; // not a valid stored time: Instant.parse says why
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nano);
  }
}
