package dev.wabots.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

  @ParameterizedTest
  @CsvSource({
    "Support Bot, support-bot",
    "Бот Поддержки, bot-podderzhki",
    "  Sales  RU!!  , sales-ru",
    "Щука и Ёжик, shchuka-i-ezhik",
    "Café Crème, cafe-creme",
    "Шоколадница 24/7, shokoladnitsa-24-7",
    "🤖🤖, bot",
    "new, new-bot"
  })
  void slugsNamesAsTheSeedShows(String name, String slug) {
    assertEquals(slug, Slugs.of(name));
  }

  @Test
  void appendsASuffixUntilUnique() {
    Set<String> taken = Set.of("support-bot", "support-bot-2");
    assertEquals("support-bot-3", Slugs.unique("Support Bot", taken::contains));
  }

  @Test
  void keepsLongSlugsWithinTheLimitEvenWithASuffix() {
    String name = "a".repeat(200);
    String base = Slugs.of(name);
    assertEquals(Slugs.MAX_LENGTH, base.length());
    String next = Slugs.unique(name, s -> s.equals(base));
    assertTrue(next.length() <= Slugs.MAX_LENGTH, next);
    assertTrue(next.endsWith("-2"), next);
  }
}
