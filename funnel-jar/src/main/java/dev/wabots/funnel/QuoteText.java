package dev.wabots.funnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The quote and the price list as message text, in the definition's formats. */
final class QuoteText {
  private final DefinitionData.QuoteSpec spec;
  private final Money money;
  private final Map<String, Long> prices;

  QuoteText(DefinitionData.QuoteSpec spec, Money money, Map<String, Long> prices) {
    this.spec = spec;
    this.money = money;
    this.prices = prices;
  }

  /** The quote: the request repeated, the items, the total and the delivery time. */
  String quote(Quote quote, Discovery request) {
    DefinitionData.QuoteFormat format = spec.format();
    List<String> lines = new ArrayList<>();
    lines.add(format.title());
    lines.add("");
    lines.add(Placeholders.fill(format.request(), Map.of(
        "task", task(request.task().orElse(""), format.taskLength()),
        "volume", volume(request.volume().orElse(null)),
        "integrations", integrations(request.integrations()),
        "timeline", quote.timeline())));
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

  /** The base and integration prices, one per line, in the quote's item format. */
  String priceList() {
    if (spec == null || spec.format() == null || spec.base() == null || spec.format().item() == null) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    Long base = prices.get(spec.base().key());
    if (base != null) {
      lines.add(line(spec.format().item(), new QuoteLine(spec.base().name(), base)));
    }
    for (DefinitionData.PricedItem item : spec.integrations()) {
      Long price = prices.get(item.key());
      if (price != null) {
        lines.add(line(spec.format().item(), new QuoteLine(integrationName(spec, item.name()), price)));
      }
    }
    return String.join("\n", lines);
  }

  /** The name of an integration item in the quote, e.g. "Интеграция Bitrix24". */
  static String integrationName(DefinitionData.QuoteSpec spec, String name) {
    String format = spec.format() == null ? null : spec.format().integration();
    return format == null ? name : Placeholders.fill(format, Map.of("name", String.valueOf(name)));
  }

  /** The task as the quote repeats it: at most {@code length} characters, a longer one cut with "...". */
  static String task(String task, Integer length) {
    String oneLine = task.replaceAll("\\s+", " ").strip();
    int max = length == null ? 60 : length;
    if (oneLine.codePointCount(0, oneLine.length()) <= max) {
      return oneLine;
    }
    return oneLine.substring(0, oneLine.offsetByCodePoints(0, max - 3)) + "...";
  }

  private String volume(String key) {
    if (key == null) {
      return spec.format().noVolume();
    }
    return spec.volumes().stream()
        .filter(v -> v.key().equals(key))
        .map(DefinitionData.Volume::name)
        .findFirst()
        .orElse(spec.format().noVolume());
  }

  private String integrations(List<String> keys) {
    if (keys.isEmpty()) {
      return spec.format().noIntegrations();
    }
    return keys.stream()
        .map(key -> spec.integrations().stream()
            .filter(item -> item.key().equals(key))
            .map(DefinitionData.PricedItem::name)
            .findFirst()
            .orElse(key))
        .collect(Collectors.joining(", "));
  }

  private String line(String format, QuoteLine item) {
    return Placeholders.fill(format, Map.of("name", item.name(), "price", money.format(item.price())));
  }
}
