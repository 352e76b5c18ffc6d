package dev.wabots.funnel;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a funnel definition, bound by Jackson. Missing collections become empty;
 * missing texts stay null and are reported by {@link DefinitionValidator}.
 */
record DefinitionData(
    Integer schemaVersion,
    String language,
    Settings settings,
    List<String> greetings,
    Map<String, Screen> screens,
    Map<String, Route> routes,
    Map<String, Map<String, SegmentCell>> segments,
    SegmentCell unknownSegment,
    List<Gpu> gpus,
    QuoteSpec quote,
    Faq faq) {

  DefinitionData {
    greetings = list(greetings);
    screens = map(screens);
    routes = map(routes);
    segments = map(segments);
    gpus = list(gpus);
  }

  /** An unmodifiable copy; null becomes empty and null items (JSON {@code null}) are dropped. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Product, contact and payment settings. */
  record Settings(
      String productName,
      String githubUrl,
      String currencySymbol,
      String thousandsSeparator,
      String greetingNamed,
      String greetingAnonymous,
      Contact contact,
      Payment payment) {}

  /** How a customer reaches a manager. */
  record Contact(String phone, String email, String messenger) {}

  /**
   * YooMoney quickpay settings; the label format may use {@code {instance}} and {@code {phone}}.
   */
  record Payment(
      String baseUrl,
      String receiver,
      Long basicAmount,
      String labelFormat,
      String targets,
      String quickpayForm,
      String paymentType) {}

  /** A screen: plain text, reply buttons or a list. */
  record Screen(String header, String body, String footer, List<Option> buttons, ListSpec list) {
    Screen {
      buttons = DefinitionData.list(buttons);
    }
  }

  /** A button or list row. */
  record Option(String id, String title, String description) {}

  /** A list: the opening button's text and the sections. */
  record ListSpec(String button, List<Section> sections) {
    ListSpec {
      sections = DefinitionData.list(sections);
    }
  }

  /** A list section. */
  record Section(String title, List<Option> rows) {
    Section {
      rows = DefinitionData.list(rows);
    }
  }

  /** A navigation route: the screens to send for a reply id, and an optional event to log. */
  record Route(List<String> send, String event) {
    Route {
      send = DefinitionData.list(send);
    }
  }

  /** One cell of the segment matrix. */
  record SegmentCell(String segment, String subSegment, String intro) {}

  /** A row of the GPU audit table. */
  record Gpu(String key, String name, String llm, Integer quality, String speed, String upgrade) {}

  /** Prices and texts of the custom quote. */
  record QuoteSpec(
      PricedItem base,
      List<PricedItem> integrations,
      List<Volume> volumes,
      List<Labeled> timelines,
      String unknownTimeline,
      List<Labeled> budgets,
      QuoteFormat format) {
    QuoteSpec {
      integrations = DefinitionData.list(integrations);
      volumes = DefinitionData.list(volumes);
      timelines = DefinitionData.list(timelines);
      budgets = DefinitionData.list(budgets);
    }
  }

  /** A priced item (rubles). */
  record PricedItem(String key, String name, Long price) {}

  /** A volume answer and its multiplier. */
  record Volume(String key, String name, BigDecimal multiplier) {}

  /** A keyed label. */
  record Labeled(String key, String text) {}

  /** Line formats of the quote text and the price list. */
  record QuoteFormat(
      String title,
      String item,
      String extraName,
      String total,
      String timeline,
      String footer,
      String multiplierLine) {}

  /** The FAQ: sections with questions and answers. */
  record Faq(String afterAnswerBody, String backMenuTitle, List<FaqSection> sections) {
    Faq {
      sections = DefinitionData.list(sections);
    }
  }

  /** A FAQ section, shown as a list of its questions. */
  record FaqSection(
      String key, String body, String button, String backTitle, List<FaqQuestion> questions) {
    FaqSection {
      questions = DefinitionData.list(questions);
    }
  }

  /** A FAQ question (list row) and its answer (text message). */
  record FaqQuestion(String key, String title, String description, String answer) {}
}
