package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void escapesLineBreaksSoAValueCannotForgeALogLine() {
    String forged = "subscribe\r\n2025-01-01 00:00:00.000 INFO    Webhook verified";
    String safe = Printable.of(forged);
    assertEquals("subscribe\\r\\n2025-01-01 00:00:00.000 INFO    Webhook verified", safe);
    assertTrue(safe.lines().count() == 1);
  }

  @Test
  void escapesOtherControlsSeparatorsAndBidiOverrides() {
    assertEquals("a\\tb\\u001b[31mc\\u0000", Printable.of("a\tb\u001b[31mc\u0000"));
    assertEquals("x\\u2028y\\u202ez\\u2066", Printable.of("x\u2028y\u202Ez\u2066"));
    assertEquals("Бот 🤖 ok", Printable.of("Бот 🤖 ok"), "ordinary text is unchanged");
    assertEquals("null", Printable.of(null));
  }

  @Test
  void cutsLongValuesByCodePoints() {
    assertEquals("🤖🤖…", Printable.of("🤖🤖🤖", 2));
    assertEquals("ab", Printable.of("ab", 2));
  }

  @Test
  void namesTheFirstForbiddenCharacterOfAName() {
    assertNull(Printable.nameProblem("Support Bot — Поддержка"));
    assertEquals("must not contain control characters or line breaks (U+000A)", Printable.nameProblem("Bot\nINFO forged"));
    assertEquals("must not contain bidirectional formatting characters (U+202E)", Printable.nameProblem("Bot\u202Etxt.exe"));
    assertEquals(3, Printable.firstUnsafe("Bot\r").getAsInt());
  }
}
