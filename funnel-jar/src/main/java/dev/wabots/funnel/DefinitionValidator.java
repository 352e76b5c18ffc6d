package dev.wabots.funnel;

import static dev.wabots.funnel.DefinitionRule.DUPLICATE;
import static dev.wabots.funnel.DefinitionRule.INVALID_VALUE;
import static dev.wabots.funnel.DefinitionRule.MISSING_TARGET;
import static dev.wabots.funnel.DefinitionRule.NEGATIVE_PRICE;
import static dev.wabots.funnel.DefinitionRule.REQUIRED;
import static dev.wabots.funnel.DefinitionRule.UNHANDLED_REPLY_ID;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a definition's structure, then renders every message it can produce (see {@link
 * MessageCheck}). Collects all problems rather than stopping at the first.
 */
final class DefinitionValidator {
  private static final Pattern KEY = Pattern.compile("[a-z0-9_]+");
  private static final Pattern RECEIVER = Pattern.compile("[0-9]{11,20}");
  private static final Set<String> PREFIXES = Set.of("sales", "faq", "nav", "tz");

  private final DefinitionData data;
  private final List<DefinitionProblem> problems = new ArrayList<>();
  private final Set<String> brokenScreens = new HashSet<>();
  private boolean renderable = true;

  DefinitionValidator(DefinitionData data) {
    this.data = data;
  }

  List<DefinitionProblem> problems() {
    checkTop();
    checkSettings();
    checkScreens();
    checkSegments();
    checkGpus();
    checkQuote();
    checkFaq();
    ReplyRouter router = new ReplyRouter(data);
    checkRoutes(router);
    checkReplyIds(router);
    if (renderable) {
      problems.addAll(new MessageCheck(data, brokenScreens, problems.isEmpty()).problems());
    }
    return List.copyOf(problems);
  }

  private void checkTop() {
    if (data.schemaVersion() == null || data.schemaVersion() != 1) {
      add("schemaVersion", INVALID_VALUE, "must be 1, got " + data.schemaVersion());
    }
    text("language", data.language());
    if (data.greetings().isEmpty()) {
      add("greetings", REQUIRED, "at least one greeting trigger is needed");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < data.greetings().size(); i++) {
      String greeting = data.greetings().get(i);
      if (text("greetings[" + i + "]", greeting)
          && !seen.add(greeting.strip().toLowerCase(Locale.ROOT))) {
        add("greetings[" + i + "]", DUPLICATE, "greeting listed twice: " + greeting);
      }
    }
  }

  private void checkSettings() {
    DefinitionData.Settings settings = data.settings();
    if (settings == null) {
      fatal("settings");
      return;
    }
    text("settings.productName", settings.productName());
    url("settings.githubUrl", settings.githubUrl());
    text("settings.currencySymbol", settings.currencySymbol());
    if (settings.thousandsSeparator() == null) {
      fatal("settings.thousandsSeparator");
    }
    if (text("settings.greetingNamed", settings.greetingNamed())
        && !settings.greetingNamed().contains("{name}")) {
      add("settings.greetingNamed", INVALID_VALUE, "must contain {name}");
    }
    text("settings.greetingAnonymous", settings.greetingAnonymous());
    DefinitionData.Contact contact = settings.contact();
    if (contact == null) {
      fatal("settings.contact");
    } else {
      text("settings.contact.phone", contact.phone());
      text("settings.contact.email", contact.email());
      text("settings.contact.messenger", contact.messenger());
    }
    checkPayment(settings.payment());
  }

  private void checkPayment(DefinitionData.Payment payment) {
    if (payment == null) {
      fatal("settings.payment");
      return;
    }
    String node = "settings.payment.";
    url(node + "baseUrl", payment.baseUrl());
    if (text(node + "receiver", payment.receiver()) && !RECEIVER.matcher(payment.receiver()).matches()) {
      add(node + "receiver", INVALID_VALUE, "a YooMoney wallet number is 11-20 digits, got " + payment.receiver());
    }
    price(node + "basicAmount", payment.basicAmount());
    text(node + "targets", payment.targets());
    text(node + "quickpayForm", payment.quickpayForm());
    text(node + "paymentType", payment.paymentType());
    if (!text(node + "labelFormat", payment.labelFormat())) {
      return;
    }
    if (!payment.labelFormat().contains("{instance}") || !payment.labelFormat().contains("{phone}")) {
      add(node + "labelFormat", INVALID_VALUE, "must contain {instance} and {phone}, got " + payment.labelFormat());
    }
    String longest =
        Placeholders.fill(
            payment.labelFormat(),
            Map.of("instance", "x".repeat(BotInstanceId.MAX_LENGTH), "phone", "9".repeat(15)));
    if (longest.length() > PaymentLink.MAX_LABEL) {
      add(node + "labelFormat", INVALID_VALUE,
          "the label can reach " + longest.length() + " characters; YooMoney allows " + PaymentLink.MAX_LABEL);
    }
  }

  private void checkScreens() {
    for (String required : new TreeSet<>(Screens.REQUIRED)) {
      if (!data.screens().containsKey(required)) {
        add("screens." + required, MISSING_TARGET, "the engine sends screen '" + required + "' but it is not defined");
      }
    }
    data.screens().forEach((key, screen) -> {
      String node = "screens." + key;
      if (screen == null || !text(node + ".body", screen == null ? null : screen.body())) {
        brokenScreens.add(key);
        return;
      }
      if (screen.list() != null && !screen.buttons().isEmpty()) {
        add(node, INVALID_VALUE, "a screen has buttons or a list, not both");
        brokenScreens.add(key);
      }
    });
  }

  private void checkSegments() {
    if (data.segments().isEmpty()) {
      add("segments", REQUIRED, "the segment matrix is empty");
    }
    Set<String> infras = new TreeSet<>();
    data.segments().values().forEach(row -> infras.addAll(row == null ? Set.of() : row.keySet()));
    data.segments().forEach((tech, row) -> {
      key("segments." + tech, tech);
      for (String infra : infras) {
        DefinitionData.SegmentCell cell = row == null ? null : row.get(infra);
        String node = "segments." + tech + "." + infra;
        if (cell == null) {
          add(node, REQUIRED, "the matrix has no cell for " + tech + " x " + infra);
        } else {
          key(node, infra);
          cell(node, cell);
        }
      }
    });
    if (data.unknownSegment() == null) {
      add("unknownSegment", REQUIRED, "the segment for answers outside the matrix is missing");
    } else {
      cell("unknownSegment", data.unknownSegment());
    }
  }

  private void cell(String node, DefinitionData.SegmentCell cell) {
    if (text(node + ".segment", cell.segment())) {
      try {
        Segment.valueOf(cell.segment());
      } catch (IllegalArgumentException e) {
        add(node + ".segment", INVALID_VALUE, "one of DIY, BASIC, CUSTOM, UNKNOWN, got " + cell.segment());
      }
    }
    text(node + ".subSegment", cell.subSegment());
  }

  private void checkGpus() {
    if (data.gpus().isEmpty()) {
      add("gpus", REQUIRED, "the GPU table is empty");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < data.gpus().size(); i++) {
      DefinitionData.Gpu gpu = data.gpus().get(i);
      String node = "gpus[" + i + "]";
      uniqueKey(node + ".key", gpu.key(), keys);
      text(node + ".name", gpu.name());
      text(node + ".llm", gpu.llm());
      text(node + ".speed", gpu.speed());
      if (gpu.quality() == null) {
        add(node + ".quality", REQUIRED, "missing");
      } else if (gpu.quality() < 1 || gpu.quality() > 5) {
        add(node + ".quality", INVALID_VALUE, "between 1 and 5, got " + gpu.quality());
      }
    }
  }

  private void checkQuote() {
    DefinitionData.QuoteSpec quote = data.quote();
    if (quote == null) {
      fatal("quote");
      return;
    }
    if (quote.base() == null) {
      fatal("quote.base");
    } else {
      text("quote.base.name", quote.base().name());
      price("quote.base.price", quote.base().price());
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < quote.integrations().size(); i++) {
      DefinitionData.PricedItem item = quote.integrations().get(i);
      String node = "quote.integrations[" + i + "]";
      uniqueKey(node + ".key", item.key(), keys);
      if ("int_none".equals(item.key())) {
        add(node + ".key", INVALID_VALUE, "int_none is reserved: it clears the selection");
      }
      text(node + ".name", item.name());
      price(node + ".price", item.price());
    }
    if (quote.volumes().isEmpty()) {
      add("quote.volumes", REQUIRED, "no volume options");
    }
    keys.clear();
    for (int i = 0; i < quote.volumes().size(); i++) {
      DefinitionData.Volume volume = quote.volumes().get(i);
      String node = "quote.volumes[" + i + "]";
      uniqueKey(node + ".key", volume.key(), keys);
      text(node + ".name", volume.name());
      if (volume.multiplier() == null) {
        add(node + ".multiplier", REQUIRED, "missing");
      } else if (volume.multiplier().compareTo(BigDecimal.ONE) < 0) {
        add(node + ".multiplier", INVALID_VALUE, "at least 1.0, got " + volume.multiplier());
      }
    }
    labeled("quote.timelines", quote.timelines());
    labeled("quote.budgets", quote.budgets());
    text("quote.unknownTimeline", quote.unknownTimeline());
    DefinitionData.QuoteFormat format = quote.format();
    if (format == null) {
      fatal("quote.format");
      return;
    }
    for (Map.Entry<String, String> field :
        Map.of("title", nz(format.title()), "item", nz(format.item()), "extraName", nz(format.extraName()),
            "total", nz(format.total()), "timeline", nz(format.timeline()),
            "multiplierLine", nz(format.multiplierLine())).entrySet()) {
      text("quote.format." + field.getKey(), field.getValue());
    }
  }

  private void labeled(String node, List<DefinitionData.Labeled> options) {
    if (options.isEmpty()) {
      add(node, REQUIRED, "no options");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < options.size(); i++) {
      uniqueKey(node + "[" + i + "].key", options.get(i).key(), keys);
      text(node + "[" + i + "].text", options.get(i).text());
    }
  }

  private void checkFaq() {
    DefinitionData.Faq faq = data.faq();
    if (faq == null) {
      fatal("faq");
      return;
    }
    text("faq.afterAnswerBody", faq.afterAnswerBody());
    text("faq.backMenuTitle", faq.backMenuTitle());
    if (faq.sections().isEmpty()) {
      add("faq.sections", REQUIRED, "the FAQ has no sections");
    }
    Set<String> sectionKeys = new HashSet<>();
    Set<String> questionKeys = new HashSet<>();
    for (int s = 0; s < faq.sections().size(); s++) {
      DefinitionData.FaqSection section = faq.sections().get(s);
      String node = "faq.sections[" + s + "]";
      uniqueKey(node + ".key", section.key(), sectionKeys);
      text(node + ".body", section.body());
      text(node + ".button", section.button());
      text(node + ".backTitle", section.backTitle());
      if (section.questions().isEmpty()) {
        add(node + ".questions", REQUIRED, "a section needs at least one question");
      }
      for (int q = 0; q < section.questions().size(); q++) {
        DefinitionData.FaqQuestion question = section.questions().get(q);
        String qNode = node + ".questions[" + q + "]";
        uniqueKey(qNode + ".key", question.key(), questionKeys);
        if (question.key() != null && (question.key().startsWith("cat_") || question.key().startsWith("back_"))) {
          add(qNode + ".key", INVALID_VALUE, "cat_ and back_ are reserved for section navigation: " + question.key());
        }
        text(qNode + ".title", question.title());
        text(qNode + ".answer", question.answer());
      }
    }
  }

  private void checkRoutes(ReplyRouter router) {
    data.routes().forEach((id, route) -> {
      String node = "routes." + id;
      replyIdForm(node, id);
      if (router.builtIn(id).handled()) {
        add(node, DUPLICATE, "shadows the built-in handler of " + id);
      }
      if (route == null || route.send().isEmpty()) {
        add(node + ".send", REQUIRED, "a route must send at least one screen");
        return;
      }
      for (int i = 0; i < route.send().size(); i++) {
        String target = route.send().get(i);
        if (!data.screens().containsKey(target)) {
          add(node + ".send[" + i + "]", MISSING_TARGET, "no screen '" + target + "'");
        }
      }
      if (route.event() != null && !KEY.matcher(route.event()).matches()) {
        add(node + ".event", INVALID_VALUE, "an event type is [a-z0-9_]+, got " + route.event());
      }
    });
  }

  private void checkReplyIds(ReplyRouter router) {
    data.screens().forEach((key, screen) -> {
      if (screen == null) {
        return;
      }
      List<String> nodes = new ArrayList<>();
      List<DefinitionData.Option> options = new ArrayList<>();
      for (int i = 0; i < screen.buttons().size(); i++) {
        nodes.add("screens." + key + ".buttons[" + i + "]");
        options.add(screen.buttons().get(i));
      }
      if (screen.list() != null) {
        for (int s = 0; s < screen.list().sections().size(); s++) {
          List<DefinitionData.Option> rows = screen.list().sections().get(s).rows();
          for (int r = 0; r < rows.size(); r++) {
            nodes.add("screens." + key + ".list.sections[" + s + "].rows[" + r + "]");
            options.add(rows.get(r));
          }
        }
      }
      for (int i = 0; i < options.size(); i++) {
        String id = options.get(i).id();
        if (!text(nodes.get(i) + ".id", id)) {
          brokenScreens.add(key);
        } else if (replyIdForm(nodes.get(i) + ".id", id) && !router.resolve(id).handled()) {
          add(nodes.get(i) + ".id", UNHANDLED_REPLY_ID, "no handler for reply id " + id);
        }
      }
    });
  }

  private boolean replyIdForm(String node, String id) {
    int colon = id.indexOf(':');
    if (colon < 1 || !PREFIXES.contains(id.substring(0, colon)) || colon == id.length() - 1) {
      add(node, INVALID_VALUE, "a reply id is prefix:action with prefix sales, faq, nav or tz, got " + id);
      return false;
    }
    return true;
  }

  private void uniqueKey(String node, String key, Set<String> seen) {
    if (key(node, key) && !seen.add(key)) {
      add(node, DUPLICATE, "key defined twice: " + key);
    }
  }

  private boolean key(String node, String key) {
    if (!text(node, key)) {
      return false;
    }
    if (!KEY.matcher(key).matches()) {
      add(node, INVALID_VALUE, "a key is [a-z0-9_]+, got " + key);
      return false;
    }
    return true;
  }

  private void price(String node, Long price) {
    if (price == null) {
      fatal(node);
    } else if (price < 0) {
      add(node, NEGATIVE_PRICE, "prices must not be negative, got " + price);
    }
  }

  private boolean url(String node, String value) {
    if (!text(node, value)) {
      return false;
    }
    try {
      URI uri = new URI(value);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return true;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    add(node, INVALID_VALUE, "must be an absolute http(s) URL, got " + value);
    return false;
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  /** Reports a missing or blank text; returns whether it is present. */
  private boolean text(String node, String value) {
    if (value == null || value.isBlank()) {
      add(node, REQUIRED, "missing or blank");
      return false;
    }
    return true;
  }

  /** A missing part without which no message can be rendered. */
  private void fatal(String node) {
    add(node, REQUIRED, "missing");
    renderable = false;
  }

  private void add(String node, DefinitionRule rule, String message) {
    problems.add(new DefinitionProblem(node, rule, message));
  }
}
