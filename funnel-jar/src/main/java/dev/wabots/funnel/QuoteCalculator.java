package dev.wabots.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code calculate_quote} of FUNNEL.md, on the business profile's prices (the base item's and each
 * integration's price is the profile's price of the same name). Exact decimal arithmetic: {@code
 * int(x × m)} truncates, so 100 000 × 1.3 is exactly 130 000.
 */
public final class QuoteCalculator {
  private static final BigDecimal MAX_FACTOR = new BigDecimal("1.25");

  private final DefinitionData.QuoteSpec spec;
  private final Map<String, Long> prices;
  private final Map<String, DefinitionData.PricedItem> integrations;
  private final Map<String, DefinitionData.Volume> volumes;

  /** @param prices the effective prices by name (see {@link Figures#prices}) */
  QuoteCalculator(DefinitionData.QuoteSpec spec, Map<String, Long> prices) {
    this.spec = spec;
    this.prices = Map.copyOf(prices);
    this.integrations =
        spec.integrations().stream()
            .collect(Collectors.toMap(DefinitionData.PricedItem::key, Function.identity(), (a, b) -> a));
    this.volumes =
        spec.volumes().stream()
            .collect(Collectors.toMap(DefinitionData.Volume::key, Function.identity(), (a, b) -> a));
  }

  /** The calculator of a definition, with the prices of the business profile it is bound to. */
  public static QuoteCalculator of(FunnelDefinition definition) {
    return new QuoteCalculator(definition.data().quote(), definition.prices());
  }

  /**
   * Calculates a quote.
   *
   * @param volume a volume key ({@code vol_high}); unknown or null counts as multiplier 1.0
   * @param selected integration keys ({@code int_bitrix}, …); unknown or unpriced keys are ignored
   * @param timeline a timeline key ({@code time_month}); unknown or null is "by agreement"
   */
  public Quote calculate(String volume, List<String> selected, String timeline) {
    List<QuoteLine> items = new ArrayList<>();
    items.add(new QuoteLine(spec.base().name(), prices.get(spec.base().key())));
    for (String key : selected) {
      DefinitionData.PricedItem item = integrations.get(key);
      if (item != null && prices.containsKey(key)) {
        items.add(new QuoteLine(QuoteText.integrationName(spec, item.name()), prices.get(key)));
      }
    }
    long subtotal = items.stream().mapToLong(QuoteLine::price).sum();
    DefinitionData.Volume chosen = volume == null ? null : volumes.get(volume);
    BigDecimal multiplier = chosen == null ? BigDecimal.ONE : chosen.multiplier();
    Optional<QuoteLine> extra = Optional.empty();
    if (multiplier.compareTo(BigDecimal.ONE) > 0) {
      long amount = truncate(BigDecimal.valueOf(subtotal).multiply(multiplier.subtract(BigDecimal.ONE)));
      String name = Placeholders.fill(spec.format().extraName(), Map.of("multiplier", plain(multiplier)));
      extra = Optional.of(new QuoteLine(name, amount));
    }
    long totalMin = truncate(BigDecimal.valueOf(subtotal).multiply(multiplier));
    long totalMax = truncate(BigDecimal.valueOf(totalMin).multiply(MAX_FACTOR));
    return new Quote(items, subtotal, multiplier, extra, totalMin, totalMax, timelineText(timeline));
  }

  private String timelineText(String key) {
    return spec.timelines().stream()
        .filter(t -> t.key().equals(key))
        .map(DefinitionData.Labeled::text)
        .findFirst()
        .orElse(spec.unknownTimeline());
  }

  private static long truncate(BigDecimal value) {
    return value.setScale(0, RoundingMode.DOWN).longValueExact();
  }

  static String plain(BigDecimal value) {
    String text = value.stripTrailingZeros().toPlainString();
    return text.contains(".") ? text : text + ".0";
  }
}
