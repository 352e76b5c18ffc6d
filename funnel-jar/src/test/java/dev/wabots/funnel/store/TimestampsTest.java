package dev.wabots.funnel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsFixedWidthUtcWithMilliseconds() {
    assertEquals("2025-06-01T10:00:00.000Z", Timestamps.format(Instant.parse("2025-06-01T10:00:00Z")));
    assertEquals("1970-01-01T00:00:00.007Z", Timestamps.format(Instant.ofEpochMilli(7)));
  }

  @Test
  void roundTripsAndAgreesWithIsoFormatting() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(Math.floorMod(random.nextLong(), 253_402_300_799_999L));
      String text = Timestamps.format(instant);
      assertEquals(24, text.length());
      assertEquals(instant, Timestamps.parse(text));
      assertEquals(instant, Instant.parse(text));
    }
  }

  @Test
  void readsOtherIsoFormsAndRefusesGarbage() {
    assertEquals(Instant.parse("2025-06-01T10:00:00Z"), Timestamps.parse("2025-06-01T10:00:00Z"));
    assertEquals(Instant.parse("2025-06-01T10:00:00.5Z").truncatedTo(ChronoUnit.MILLIS),
        Timestamps.parse("2025-06-01T10:00:00.500Z"));
    assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2025-0x-01T10:00:00.000Z"));
  }
}
