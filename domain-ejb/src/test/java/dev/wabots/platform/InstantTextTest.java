package dev.wabots.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  final InstantText converter = new InstantText();

  @Test
  void theHandWrittenFormIsTheFormattersAndReadsBackToTheSameInstant() {
    SplittableRandom random = new SplittableRandom(42);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(first, last + 1),
          i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
      check(at);
    }
    for (String edge : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
        "2000-02-29T23:59:59.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2026-12-07T01:40:00.123Z"}) {
      check(Instant.parse(edge));
    }
  }

  private void check(Instant at) {
    String text = converter.convertToDatabaseColumn(at);
    assertEquals(InstantText.FIXED.format(at), text, at.toString());
    assertEquals(at, converter.convertToEntityAttribute(text), text);
    assertEquals(at, InstantText.parseFixed(text), text);
  }

  @Test
  void instantsOutsideFourDigitYearsUseTheFormatterBothWays() {
    for (Instant at : new Instant[] {Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z")}) {
      String text = converter.convertToDatabaseColumn(at);
      assertEquals(InstantText.FIXED.format(at), text);
      assertNull(InstantText.parseFixed(text));
      assertEquals(at, converter.convertToEntityAttribute(text));
    }
  }

  @Test
  void otherTextIsReadByInstantParseAndBadTextRefusedAsBefore() {
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"), converter.convertToEntityAttribute("2026-01-01T10:00:00Z"));
    assertEquals(Instant.parse("2026-01-01T10:00:00.5Z"), converter.convertToEntityAttribute("2026-01-01T10:00:00.5Z"));
    // Not the stored form, but what Instant.parse reads (the end of a day): read as before.
    assertNull(InstantText.parseFixed("2026-01-01T24:00:00.000000000Z"));
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), converter.convertToEntityAttribute("2026-01-01T24:00:00.000000000Z"));
    assertNull(converter.convertToEntityAttribute(null));
    assertNull(converter.convertToDatabaseColumn(null));
    for (String bad : new String[] {"2026-02-30T00:00:00.000000000Z", "2026-13-01T00:00:00.000000000Z",
        "2026-01-01T00:60:00.000000000Z", "2026-0a-01T00:00:00.000000000Z",
        "2026-01-01 00:00:00.000000000Z", "yesterday"}) {
      assertNull(InstantText.parseFixed(bad), bad);
      assertThrows(DateTimeParseException.class, () -> converter.convertToEntityAttribute(bad), bad);
    }
  }
}
