package dev.wabots.funnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The quote and the price list as message text, in the definition's formats. */
final class QuoteText {
  private final DefinitionData.QuoteSpec spec;
  private final Money money;

  QuoteText(DefinitionData.QuoteSpec spec, Money money) {
    this.spec = spec;
    this.money = money;
  }

  String quote(Quote quote) {
    DefinitionData.QuoteFormat format = spec.format();
    List<String> lines = new ArrayList<>();
    lines.add(format.title());
    lines.add("");
    for (QuoteLine item : quote.items()) {
      lines.add(line(format.item(), item));
    }
    quote.volumeExtra().ifPresent(extra -> lines.add(line(format.item(), extra)));
    lines.add("");
    lines.add(
        Placeholders.fill(
            format.total(),
            Map.of("min", money.format(quote.totalMin()), "max", money.format(quote.totalMax()))));
    lines.add(Placeholders.fill(format.timeline(), Map.of("timeline", quote.timeline())));
    if (format.footer() != null && !format.footer().isBlank()) {
      lines.add("");
      lines.add(format.footer());
    }
    return String.join("\n", lines);
  }

  /** The base and integration prices and the volume multipliers above 1, one per line. */
  String priceList() {
    if (spec == null || spec.format() == null || spec.base() == null) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    lines.add(line(spec.format().item(), new QuoteLine(spec.base().name(), spec.base().price())));
    for (DefinitionData.PricedItem item : spec.integrations()) {
      lines.add(line(spec.format().item(), new QuoteLine(item.name(), item.price())));
    }
    for (DefinitionData.Volume volume : spec.volumes()) {
      if (volume.multiplier() != null && volume.multiplier().compareTo(java.math.BigDecimal.ONE) > 0) {
        lines.add(
            Placeholders.fill(
                spec.format().multiplierLine(),
                Map.of("name", String.valueOf(volume.name()), "multiplier", QuoteCalculator.plain(volume.multiplier()))));
      }
    }
    return String.join("\n", lines);
  }

  private String line(String format, QuoteLine item) {
    return Placeholders.fill(format, Map.of("name", item.name(), "price", money.format(item.price())));
  }
}
