package dev.wabots.funnel;

import dev.wabots.whatsapp.ListMessage;
import dev.wabots.whatsapp.ListRow;
import dev.wabots.whatsapp.ListSection;
import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.ReplyButton;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.ReplyId;
import dev.wabots.whatsapp.TextMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the definition's screens into messages, filling placeholders. The engine and the validator
 * both render through here, so what is validated is what is sent.
 */
final class Screens {
  static final String WELCOME = "welcome";
  static final String MENU = "menu";
  /** The answer to anything the funnel cannot take, and the fallback of the optional attachment screens. */
  static final String NON_TEXT = "non_text";

  /** Screens the engine sends by name; a definition must have all of them. */
  static final Set<String> REQUIRED =
      Set.of(
          WELCOME, MENU, "contact", "quiz_tech", "quiz_infra", "diy_gpu_list", "diy_gpu_audit",
          "diy_gpu_ask", "diy_gpu_received", "basic_value", "basic_pay", "custom_intro",
          "custom_step_1", "custom_step_2", "custom_step_3", "custom_int_added", "custom_step_4",
          "custom_step_5", "custom_quote", "faq_menu", NON_TEXT, "stale_step");

  /** Answers {@code tz:*} ids when the definition has no requirements questionnaire. */
  static final String COMING_SOON = "coming_soon";

  /**
   * Screens the engine sends last in a step (nothing follows them), so they must offer buttons or
   * a list; the others ask for free text or are followed by another screen.
   */
  static final Set<String> LAST =
      Set.of(
          WELCOME, MENU, "contact", "quiz_tech", "quiz_infra", "diy_gpu_list", "diy_gpu_audit",
          "diy_gpu_received", "basic_value", "basic_pay", "custom_intro", "custom_step_2", "custom_step_3",
          "custom_int_added", "custom_step_4", "custom_step_5", "custom_quote", "faq_menu");

  private static final int MAX_NAME = 30;

  private final DefinitionData data;
  private final BusinessProfile profile;
  private final Money money;
  private final Map<String, Long> prices;
  private final Map<String, String> globals;

  /**
   * @param profile the effective business profile (the definition's defaults with the bot's own
   *     values laid over them)
   */
  Screens(DefinitionData data, BusinessProfile profile) {
    this.data = data;
    this.profile = profile;
    DefinitionData.Settings settings = data.settings();
    this.money = new Money(settings.thousandsSeparator(), settings.currencySymbol(), settings.thousandsSuffix());
    this.prices = Map.copyOf(Figures.prices(data, profile));
    Map<String, String> values = new HashMap<>(Figures.values(data, profile, money));
    values.put("price_list", new QuoteText(data.quote(), money, prices).priceList());
    values.values().removeIf(Objects::isNull);
    this.globals = Map.copyOf(values);
  }

  BusinessProfile profile() {
    return profile;
  }

  /** The effective prices by name (see {@link Figures#prices}). */
  Map<String, Long> prices() {
    return prices;
  }

  /** The placeholder values every screen can use (profile, prices, savings, price list). */
  Map<String, String> globals() {
    return globals;
  }

  DefinitionData data() {
    return data;
  }

  Money money() {
    return money;
  }

  boolean has(String key) {
    return data.screens().containsKey(key);
  }

  /** Renders a screen with the global values, the greeting for {@code name} and {@code values}. */
  OutboundMessage render(String key, String name, Map<String, String> values) {
    DefinitionData.Screen screen = data.screens().get(key);
    if (screen == null) {
      throw new IllegalStateException("the definition has no screen '" + key + "'");
    }
    Map<String, String> all = new HashMap<>(globals);
    all.put("greeting", greeting(name));
    all.putAll(values);
    String body = Placeholders.fill(screen.body(), all);
    String header = Placeholders.fill(screen.header(), all);
    String footer = Placeholders.fill(screen.footer(), all);
    if (screen.list() != null) {
      List<ListSection> sections = new ArrayList<>();
      for (DefinitionData.Section section : screen.list().sections()) {
        sections.add(new ListSection(Placeholders.fill(section.title(), all), rows(section.rows(), all)));
      }
      return new ListMessage(header, body, footer, Placeholders.fill(screen.list().button(), all), sections);
    }
    if (!screen.buttons().isEmpty()) {
      List<ReplyButton> buttons = new ArrayList<>();
      for (DefinitionData.Option option : screen.buttons()) {
        buttons.add(new ReplyButton(ReplyId.of(option.id()), Placeholders.fill(option.title(), all)));
      }
      return new ReplyButtonsMessage(header, body, footer, buttons);
    }
    return TextMessage.of(body);
  }

  /** A plain text from a template, with the global values and {@code values}. */
  String text(String template, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(globals);
    all.putAll(values);
    return Placeholders.fill(template, all);
  }

  /** A list of one section built from options (FAQ sections). */
  static ListMessage list(String body, String button, List<DefinitionData.Option> options) {
    return new ListMessage(null, body, null, button, List.of(new ListSection(null, rows(options, Map.of()))));
  }

  private static List<ListRow> rows(List<DefinitionData.Option> options, Map<String, String> values) {
    List<ListRow> rows = new ArrayList<>();
    for (DefinitionData.Option option : options) {
      rows.add(
          new ListRow(
              ReplyId.of(option.id()),
              Placeholders.fill(option.title(), values),
              Placeholders.fill(option.description(), values)));
    }
    return rows;
  }

  /** The greeting line: by name when the profile name is usable, otherwise anonymous. */
  String greeting(String name) {
    String clean = name == null ? "" : name.replaceAll("[*_~`{}]", "").replaceAll("\\s+", " ").strip();
    int length = clean.codePointCount(0, clean.length());
    if (length == 0 || length > MAX_NAME) {
      return data.settings().greetingAnonymous();
    }
    return Placeholders.fill(data.settings().greetingNamed(), Map.of("name", clean));
  }

  /** The placeholders of a screen with their values (see {@link FunnelDefinition#placeholders}). */
  List<Placeholder> placeholders(String key) {
    DefinitionData.Screen screen = data.screens().get(key);
    if (screen == null) {
      throw new IllegalArgumentException("the definition has no screen '" + key + "'");
    }
    List<String> texts = new ArrayList<>(Arrays.asList(screen.header(), screen.body(), screen.footer()));
    screen.buttons().forEach(option -> texts.add(option.title()));
    if (screen.list() != null) {
      texts.add(screen.list().button());
      for (DefinitionData.Section section : screen.list().sections()) {
        texts.add(section.title());
        section.rows().forEach(option -> {
          texts.add(option.title());
          texts.add(option.description());
        });
      }
    }
    Map<String, String> examples = examples();
    LinkedHashMap<String, Placeholder> found = new LinkedHashMap<>();
    for (String text : texts) {
      for (String name : Placeholders.names(text)) {
        if (globals.containsKey(name)) {
          found.putIfAbsent(name, new Placeholder(name, globals.get(name), false));
        } else {
          found.putIfAbsent(name, new Placeholder(name, examples.get(name), examples.containsKey(name)));
        }
      }
    }
    return List.copyOf(found.values());
  }

  /** Example values of the placeholders that depend on the conversation. */
  private Map<String, String> examples() {
    Map<String, String> examples = new HashMap<>();
    examples.put("greeting", greeting(null));
    if (!data.gpus().isEmpty()) {
      DefinitionData.Gpu gpu = data.gpus().get(0);
      examples.put("gpu_name", gpu.name());
      examples.put("gpu_llm", gpu.llm());
      examples.put("gpu_quality", gpu.quality() == null ? null : FunnelMessages.stars(gpu.quality()));
      examples.put("gpu_speed", gpu.speed());
      examples.put("gpu_upgrade", gpu.upgrade());
    }
    examples.put("gpu_model", "RTX 2070 8 GB");
    examples.put("filename", "brief.pdf");
    examples.put("caption", "");
    examples.put("latitude", "55.7558");
    examples.put("longitude", "37.6173");
    examples.put("place", "55.7558, 37.6173");
    examples.put("contacts", "Ivan Petrov");
    examples.put("transcript", "ru".equals(data.language()) ? "Нужен бот для интернет-магазина" : "I need a bot for my online shop");
    examples.put("paid_amount", money.exact(java.math.BigDecimal.valueOf(5000)));
    if (data.quote() != null) {
      examples.put("selected", String.join(", ", data.quote().integrations().stream()
          .limit(2).map(DefinitionData.PricedItem::name).toList()));
    }
    try {
      PaymentLink link = new FunnelMessages(this).payment(new BotInstanceId("my-bot"),
          new dev.wabots.whatsapp.PhoneNumber("79001234567"), null).link();
      examples.put("payment_link", link.url());
      examples.put("payment_label", link.label());
    } catch (RuntimeException e) {
      // an invalid payment setting: the validator names it
    }
    examples.values().removeIf(Objects::isNull);
    return examples;
  }

  /** Longest profile name greeted by name; longer ones get the anonymous greeting. */
  static int maxName() {
    return MAX_NAME;
  }
}
