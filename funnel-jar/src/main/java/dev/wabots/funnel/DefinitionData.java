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
    BusinessProfile profile,
    Map<String, Price> prices,
    Savings savings,
    List<String> greetings,
    Map<String, Screen> screens,
    Map<String, Route> routes,
    Map<String, Map<String, SegmentCell>> segments,
    SegmentCell unknownSegment,
    List<Gpu> gpus,
    QuoteSpec quote,
    Faq faq,
    RequirementsSpec requirements) {

  DefinitionData {
    prices = map(prices);
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

  /**
   * Formatting and payment settings. Money is "50 000 ₽" ({@code thousandsSeparator}, then a
   * no-break space and {@code currencySymbol}); short money is "5К ₽" ({@code thousandsSuffix}).
   */
  record Settings(
      String currencySymbol,
      String thousandsSeparator,
      String thousandsSuffix,
      String greetingNamed,
      String greetingAnonymous,
      Payment payment) {}

  /**
   * YooMoney quickpay settings: the sum is the profile's price named {@code price}; the receiver is
   * the profile's wallet; the label format may use {@code {instance}} and {@code {phone}}; the
   * targets may use {@code {product_name}}.
   */
  record Payment(
      String baseUrl,
      String price,
      String labelFormat,
      String targets,
      String quickpayForm,
      String paymentType) {}

  /** A price the funnel quotes: its label (for people editing the profile) and default amount. */
  record Price(String label, Long amount) {}

  /**
   * The savings comparison of the Basic path: over {@code months}, a SaaS bot at the price {@code
   * saas_month} against the turnkey install plus {@code running_month} a month.
   */
  record Savings(Integer months) {}

  /**
   * A screen: plain text, reply buttons or a list; {@code event}, when set, is logged whenever the
   * screen is sent (e.g. {@code checkout_started} however the checkout is reached).
   */
  record Screen(String header, String body, String footer, List<Option> buttons, ListSpec list, String event) {
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

  /**
   * A navigation route: the screens to send for a reply id, and an optional event to log with the
   * reply id and {@code data}.
   */
  record Route(List<String> send, String event, Map<String, String> data) {
    Route {
      send = DefinitionData.list(send);
      data = DefinitionData.map(data);
    }
  }

  /** One cell of the segment matrix. */
  record SegmentCell(String segment, String subSegment, String intro) {}

  /** A row of the GPU audit table. */
  record Gpu(String key, String name, String llm, Integer quality, String speed, String upgrade) {}

  /**
   * The custom quote: the base item and the integrations (each priced by the profile's price of
   * the same key), volume multipliers, timeline and budget options, and the text formats.
   */
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

  /** An item of the quote; its price is the profile's price named {@code key}. */
  record PricedItem(String key, String name) {}

  /** A volume answer, as the quote repeats it, and its multiplier. */
  record Volume(String key, String name, BigDecimal multiplier) {}

  /** A keyed label. */
  record Labeled(String key, String text) {}

  /**
   * Formats of the quote text and the price list: {@code request} repeats the answers ({@code
   * {task}}, {@code {volume}}, {@code {integrations}}, {@code {timeline}}); {@code integration} names
   * an integration item ({@code {name}}); {@code noIntegrations} and {@code noVolume} stand for
   * missing answers; a task longer than {@code taskLength} is cut and ends with "...".
   */
  record QuoteFormat(
      String title,
      String request,
      Integer taskLength,
      String noVolume,
      String noIntegrations,
      String integration,
      String item,
      String extraName,
      String total,
      String timeline,
      String footer) {}

  /** The FAQ: sections with questions and answers, and the titles of the buttons after an answer. */
  record Faq(String afterAnswerBody, String backMenuTitle, String homeTitle, List<FaqSection> sections) {
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

  /**
   * The requirements ("ТЗ") questionnaire: up to 6 steps, then a request to the bot to have the AI
   * draft the document (see {@link RequirementsFlow} and {@link DraftRequest}).
   *
   * @param steps the questions in order
   * @param intro the screen sent before the first question (optional)
   * @param drafting the screen sent after the last answer, while the AI drafts
   * @param offer the screen for a stale answer when no questionnaire is open (offers {@code
   *     tz:start})
   * @param brief the requirements for the AI: {@code {answers}} (one "label: answer" line each) and
   *     {@code {contact}}
   * @param instructions the rules for the AI; may use the profile and price placeholders and {@code
   *     {too_small_marker}}
   * @param tooSmallMarker the phrase a declined draft opens with
   * @param result the screen the bot sends with a qualified document (its buttons: pay the first
   *     sprint, refine, home)
   * @param resultTooSmall the screen the bot sends when the AI declined the project as too small
   * @param failed the screen the bot sends when the AI is unavailable (answers kept, a person will
   *     send the document)
   */
  record RequirementsSpec(
      List<RequirementsStep> steps,
      String intro,
      String drafting,
      String offer,
      String brief,
      String instructions,
      String tooSmallMarker,
      String result,
      String resultTooSmall,
      String failed) {
    RequirementsSpec {
      steps = DefinitionData.list(steps);
    }
  }

  /**
   * A question: its key (the answer's name), its label in the brief, the screen that asks it, and
   * either free text ({@code text}) or a tap on one of {@code options} (reply id → stored value,
   * the option's title is its label). {@code screens} may pick another screen by the previous
   * answer's value (e.g. other hints for a project of type "other").
   */
  record RequirementsStep(
      String key, String label, String screen, Boolean text, Map<String, String> options, Map<String, String> screens) {
    RequirementsStep {
      options = DefinitionData.map(options);
      screens = DefinitionData.map(screens);
    }

    boolean isText() {
      return Boolean.TRUE.equals(text);
    }
  }
}
