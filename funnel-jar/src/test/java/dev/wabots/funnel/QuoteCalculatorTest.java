package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * calculate_quote of FUNNEL.md over every volume × integration subset (5 × 32 = 160 rows). The
 * expected values are computed here with integer arithmetic in tenths, independently of the
 * calculator's BigDecimal code.
 */
class QuoteCalculatorTest {
  private static final QuoteCalculator CALCULATOR = QuoteCalculator.of(FunnelDefinition.load("en"));
  private static final List<String> INTEGRATIONS = List.of("int_bitrix", "int_amo", "int_1c", "int_phone", "int_custom");
  private static final Map<String, Long> PRICES =
      Map.of("int_bitrix", 20_000L, "int_amo", 20_000L, "int_1c", 25_000L, "int_phone", 30_000L, "int_custom", 15_000L);
  /** Multipliers in tenths: 1.0, 1.0, 1.3, 1.5, 1.0. */
  private static final Map<String, Long> TENTHS =
      Map.of("vol_low", 10L, "vol_mid", 10L, "vol_high", 13L, "vol_enterprise", 15L, "vol_unknown", 10L);

  static Stream<Arguments> everyVolumeAndIntegrationSubset() {
    List<Arguments> rows = new ArrayList<>();
    for (String volume : List.of("vol_low", "vol_mid", "vol_high", "vol_enterprise", "vol_unknown")) {
      for (int mask = 0; mask < 32; mask++) {
        List<String> selected = new ArrayList<>();
        for (int bit = 0; bit < 5; bit++) {
          if ((mask & (1 << bit)) != 0) {
            selected.add(INTEGRATIONS.get(bit));
          }
        }
        long subtotal = 50_000L + selected.stream().mapToLong(PRICES::get).sum();
        long tenths = TENTHS.get(volume);
        long extra = subtotal * (tenths - 10) / 10;
        long min = subtotal * tenths / 10;
        long max = min * 125 / 100;
        rows.add(Arguments.of(volume, selected, subtotal, extra, min, max));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} → {2} + {3} = {4} … {5}")
  @MethodSource("everyVolumeAndIntegrationSubset")
  void quotesEveryCombinationExactly(String volume, List<String> selected, long subtotal, long extra, long min, long max) {
    Quote quote = CALCULATOR.calculate(volume, selected, "time_month");
    assertEquals(subtotal, quote.subtotal());
    assertEquals(min, quote.totalMin());
    assertEquals(max, quote.totalMax());
    assertEquals(1 + selected.size(), quote.items().size());
    if (extra == 0) {
      assertTrue(quote.volumeExtra().isEmpty());
    } else {
      assertEquals(extra, quote.volumeExtra().orElseThrow().price());
    }
  }

  @Test
  void bitrixAndPhoneAtHighVolumeIsTheSpecExample() {
    Quote quote = CALCULATOR.calculate("vol_high", List.of("int_bitrix", "int_phone"), "time_urgent");
    assertEquals(100_000, quote.subtotal());
    assertEquals(new QuoteLine("High volume (x1.3)", 30_000), quote.volumeExtra().orElseThrow());
    assertEquals(130_000, quote.totalMin());
    assertEquals(162_500, quote.totalMax());
    assertEquals("1–2 weeks", quote.timeline());
  }

  @Test
  void truncatesLikePythonInt() {
    // 65 000 × 1.3 = 84 500 exactly; × 1.25 = 105 625 exactly; 1C alone at enterprise: 75 000 × 1.5 = 112 500 → max 140 625
    Quote quote = CALCULATOR.calculate("vol_enterprise", List.of("int_1c"), null);
    assertEquals(112_500, quote.totalMin());
    assertEquals(140_625, quote.totalMax());
    assertEquals("by agreement", quote.timeline());
  }

  @Test
  void unknownKeysCountAsNeutral() {
    Quote quote = CALCULATOR.calculate("vol_galactic", List.of("int_martian"), "time_never");
    assertEquals(50_000, quote.totalMin());
    assertEquals(62_500, quote.totalMax());
    assertTrue(quote.volumeExtra().isEmpty());
    assertEquals("by agreement", quote.timeline());
  }

  @Test
  void timelineTextsFollowTheDefinition() {
    QuoteCalculator ru = QuoteCalculator.of(FunnelDefinition.load("ru"));
    assertEquals("3–4 недели", ru.calculate("vol_low", List.of(), "time_quarter").timeline());
    assertEquals("по согласованию", ru.calculate("vol_low", List.of(), "time_research").timeline());
  }
}
