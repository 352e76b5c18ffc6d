package dev.wabots.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Stores {@link Instant} as ISO-8601 UTC text of fixed width (earlier rows without the fraction
 * still read). JPA 3.1 has no basic mapping for Instant:
 * EclipseLink would serialise it into a blob and later hand back a half-built entity.
 */
@Converter(autoApply = true)
public class InstantText implements AttributeConverter<Instant, String> {

  /** Always nine fraction digits: fixed width, so text order is time order (SQLite compares text). */
  static final java.time.format.DateTimeFormatter FIXED = java.time.format.DateTimeFormatter
      .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** The stored form, for native queries comparing stored times. */
  public static final java.util.function.Function<Instant, String> FIXED_TEXT = FIXED::format;

  @Override
  public String convertToDatabaseColumn(Instant value) {
    return value == null ? null : FIXED.format(value);
  }

  @Override
  public Instant convertToEntityAttribute(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
