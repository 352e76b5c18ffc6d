package dev.wabots.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Stores {@link Instant} as ISO-8601 UTC text. JPA 3.1 has no basic mapping for Instant:
 * EclipseLink would serialise it into a blob and later hand back a half-built entity.
 */
@Converter(autoApply = true)
public class InstantText implements AttributeConverter<Instant, String> {

  @Override
  public String convertToDatabaseColumn(Instant value) {
    return value == null ? null : value.toString();
  }

  @Override
  public Instant convertToEntityAttribute(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
