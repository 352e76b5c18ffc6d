package dev.wabots.funnel;

import static dev.wabots.funnel.DefinitionRule.DEAD_END;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a definition's structure, then renders every message it can produce (see {@link
 * MessageCheck}). Collects all problems rather than stopping at the first.
 */
final class DefinitionValidator {
  private static final Pattern KEY = Pattern.compile("[a-z0-9_]+");
  private static final Set<String> PREFIXES = Set.of("sales", "faq", "nav", "tz");
  /** The schema version this code reads. */
  static final int SCHEMA_VERSION = 2;
  /** Why a version-1 definition is refused. */
  static final String VERSION_1 = "version 1 predates the business profile (product name, contacts, wallet and "
      + "prices moved to the bot's profile and to 'prices'): start again from the default definition of version "
      + SCHEMA_VERSION;

  private final DefinitionData data;
  private final BusinessProfile profile;
  private final List<DefinitionProblem> problems = new ArrayList<>();
  private final Set<String> brokenScreens = new HashSet<>();
  private boolean renderable = true;

  /** @param profile the effective profile the texts are filled from */
  DefinitionValidator(DefinitionData data, BusinessProfile profile) {
    this.data = data;
    this.profile = profile;
  }

  List<DefinitionProblem> problems() {
    checkTop();
    checkSettings();
    checkPrices();
    checkProfile();
    checkScreens();
    checkSegments();
    checkGpus();
    checkQuote();
    checkFaq();
    checkRequirements();
    ReplyRouter router = new ReplyRouter(data);
    checkRoutes(router);
    checkReplyIds(router);
    if (renderable) {
      problems.addAll(new MessageCheck(data, profile, brokenScreens, problems.isEmpty()).problems());
    }
    return List.copyOf(problems);
  }

  private void checkTop() {
    if (data.schemaVersion() != null && data.schemaVersion() == 1) {
      add("schemaVersion", INVALID_VALUE, VERSION_1);
    } else if (data.schemaVersion() == null || data.schemaVersion() != SCHEMA_VERSION) {
      add("schemaVersion", INVALID_VALUE, "must be " + SCHEMA_VERSION + ", got " + data.schemaVersion());
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
    text("settings.currencySymbol", settings.currencySymbol());
    if (settings.thousandsSeparator() == null) {
      fatal("settings.thousandsSeparator");
    }
    text("settings.thousandsSuffix", settings.thousandsSuffix());
    if (text("settings.greetingNamed", settings.greetingNamed())
        && !settings.greetingNamed().contains("{name}")) {
      add("settings.greetingNamed", INVALID_VALUE, "must contain {name}");
    }
    text("settings.greetingAnonymous", settings.greetingAnonymous());
    checkPayment(settings.payment());
  }

  private void checkPayment(DefinitionData.Payment payment) {
    if (payment == null) {
      fatal("settings.payment");
      return;
    }
    String node = "settings.payment.";
    url(node + "baseUrl", payment.baseUrl());
    if (!text(node + "price", payment.price())) {
      renderable = false;
    } else if (!data.prices().containsKey(payment.price())) {
      add(node + "price", MISSING_TARGET, "no price '" + payment.price() + "' in prices");
      renderable = false;
    }
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

  /** The declared prices: names, labels for people, positive default amounts. */
  private void checkPrices() {
    if (data.prices().isEmpty()) {
      add("prices", REQUIRED, "no prices declared");
    }
    data.prices().forEach((name, price) -> {
      String node = "prices." + name;
      key(node, name);
      if (price == null) {
        fatal(node);
        return;
      }
      text(node + ".label", price.label());
      price(node + ".amount", price.amount());
    });
    if (data.savings() != null
        && (data.savings().months() == null || data.savings().months() < 1 || data.savings().months() > 120)) {
      add("savings.months", INVALID_VALUE, "between 1 and 120 months, got " + data.savings().months());
    }
  }

  /**
   * The default profile block (no prices, no secret: those live under {@code prices} and in the
   * bot's own profile), and the effective profile's fields and prices.
   */
  private void checkProfile() {
    BusinessProfile block = data.profile();
    if (block == null) {
      fatal("profile");
      return;
    }
    if (block.prices() != null) {
      add("profile.prices", INVALID_VALUE, "declare default prices under 'prices', with their labels");
    }
    if (block.hasSecret()) {
      add("profile.yoomoney_secret", INVALID_VALUE, "a secret does not belong in a funnel definition");
    }
    for (ProfileProblem problem : profile.problems()) {
      add("profile." + problem.field(), problem.message().startsWith("missing") ? REQUIRED : INVALID_VALUE,
          problem.message());
    }
    if (profile.prices() != null) {
      profile.prices().keySet().stream().filter(name -> !data.prices().containsKey(name)).forEach(name ->
          add("profile.prices." + name, MISSING_TARGET, "this funnel declares no price named " + name));
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
      if (Screens.LAST.contains(key) && screen.list() == null && screen.buttons().isEmpty()) {
        add(node, DEAD_END, "the engine ends a step with this screen: it needs buttons or a list");
      }
      if (screen.event() != null && !KEY.matcher(screen.event()).matches()) {
        add(node + ".event", INVALID_VALUE, "an event type is [a-z0-9_]+, got " + screen.event());
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
      priced("quote.base.key", quote.base().key(), true);
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
      priced(node + ".key", item.key(), false);
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
    Map<String, String> texts = new TreeMap<>();
    texts.put("title", nz(format.title()));
    texts.put("request", nz(format.request()));
    texts.put("noVolume", nz(format.noVolume()));
    texts.put("noIntegrations", nz(format.noIntegrations()));
    texts.put("integration", nz(format.integration()));
    texts.put("item", nz(format.item()));
    texts.put("extraName", nz(format.extraName()));
    texts.put("total", nz(format.total()));
    texts.put("timeline", nz(format.timeline()));
    texts.forEach((field, value) -> {
      if (!text("quote.format." + field, value)) {
        renderable = false;
      }
    });
    if (format.taskLength() == null || format.taskLength() < 10 || format.taskLength() > 200) {
      add("quote.format.taskLength", INVALID_VALUE, "between 10 and 200 characters, got " + format.taskLength());
      renderable = false;
    }
  }

  /** A quote item's key must name a declared price. */
  private void priced(String node, String key, boolean required) {
    if (key == null) {
      if (required) {
        fatal(node);
      }
      return;
    }
    if (!data.prices().containsKey(key)) {
      add(node, MISSING_TARGET, "no price '" + key + "' in prices");
      if (required) {
        renderable = false;
      }
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
    text("faq.homeTitle", faq.homeTitle());
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

  /** The questionnaire: its steps, their screens and options, the screens around it, its texts for the AI. */
  private void checkRequirements() {
    DefinitionData.RequirementsSpec spec = data.requirements();
    if (spec == null) {
      if (!data.screens().containsKey(Screens.COMING_SOON)) {
        add("screens." + Screens.COMING_SOON, MISSING_TARGET,
            "without a requirements questionnaire, tz:* ids are answered with screen 'coming_soon'");
      }
      return;
    }
    String node = "requirements";
    if (spec.steps().isEmpty() || spec.steps().size() > FunnelState.MAX_REQUIREMENTS_STEPS) {
      add(node + ".steps", INVALID_VALUE,
          "1 to " + FunnelState.MAX_REQUIREMENTS_STEPS + " steps, got " + spec.steps().size());
    }
    Set<String> keys = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < spec.steps().size(); i++) {
      DefinitionData.RequirementsStep step = spec.steps().get(i);
      String stepNode = node + ".steps[" + i + "]";
      uniqueKey(stepNode + ".key", step.key(), keys);
      text(stepNode + ".label", step.label());
      List<String> screens = new ArrayList<>();
      if (screenRef(stepNode + ".screen", step.screen(), !step.isText())) {
        screens.add(step.screen());
      }
      step.screens().forEach((value, screen) -> {
        if (screenRef(stepNode + ".screens." + value, screen, !step.isText())) {
          screens.add(screen);
        }
      });
      if (i == 0 && !step.screens().isEmpty()) {
        add(stepNode + ".screens", INVALID_VALUE, "the first step has no previous answer to choose a screen by");
      }
      if (step.isText()) {
        if (!step.options().isEmpty()) {
          add(stepNode + ".options", INVALID_VALUE, "a free-text step has no options");
        }
        continue;
      }
      if (step.options().isEmpty()) {
        add(stepNode + ".options", REQUIRED, "a step is free text (text: true) or offers options");
      }
      step.options().forEach((id, value) -> {
        String optionNode = stepNode + ".options." + id;
        if (!id.startsWith("tz:") || id.equals(ReplyRouter.TZ_START) || id.equals(ReplyRouter.TZ_RESTART)) {
          add(optionNode, INVALID_VALUE, "an answer's id is tz:<action>, other than tz:start and tz:restart");
        } else if (!ids.add(id)) {
          add(optionNode, DUPLICATE, "offered by two steps: " + id);
        }
        text(optionNode, value);
      });
      for (String screen : screens) {
        Set<String> offered = offered(data.screens().get(screen));
        step.options().keySet().stream().filter(id -> !offered.contains(id)).forEach(id ->
            add(stepNode + ".options." + id, MISSING_TARGET, "screen '" + screen + "' does not offer " + id));
        offered.stream().filter(id -> id.startsWith("tz:") && !step.options().containsKey(id)
            && !id.equals(ReplyRouter.TZ_START) && !id.equals(ReplyRouter.TZ_RESTART)).forEach(id ->
            add("screens." + screen, INVALID_VALUE, "offers " + id + ", which is not an answer of this step"));
      }
    }
    screenRef(node + ".intro", spec.intro(), false);
    required(node + ".drafting", spec.drafting(), false);
    required(node + ".offer", spec.offer(), true);
    required(node + ".result", spec.result(), true);
    required(node + ".resultTooSmall", spec.resultTooSmall(), true);
    required(node + ".failed", spec.failed(), true);
    if (text(node + ".brief", spec.brief()) && !spec.brief().contains("{answers}")) {
      add(node + ".brief", INVALID_VALUE, "must contain {answers}");
    }
    text(node + ".instructions", spec.instructions());
    text(node + ".tooSmallMarker", spec.tooSmallMarker());
  }

  private void required(String node, String screen, boolean interactive) {
    if (text(node, screen)) {
      screenRef(node, screen, interactive);
    }
  }

  /** A reference to a screen: it must exist and, when {@code interactive}, offer buttons or a list. */
  private boolean screenRef(String node, String key, boolean interactive) {
    if (key == null) {
      return false;
    }
    DefinitionData.Screen screen = data.screens().get(key);
    if (screen == null) {
      add(node, MISSING_TARGET, "no screen '" + key + "'");
      return false;
    }
    if (interactive && screen.list() == null && screen.buttons().isEmpty()) {
      add(node, DEAD_END, "screen '" + key + "' must offer buttons or a list");
    }
    return true;
  }

  private static Set<String> offered(DefinitionData.Screen screen) {
    Set<String> ids = new HashSet<>();
    screen.buttons().forEach(option -> ids.add(option.id()));
    if (screen.list() != null) {
      screen.list().sections().forEach(section -> section.rows().forEach(row -> ids.add(row.id())));
    }
    return ids;
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
      DefinitionData.Screen last = data.screens().get(route.send().get(route.send().size() - 1));
      if (last != null && last.list() == null && last.buttons().isEmpty()) {
        add(node + ".send", DEAD_END, "ends with '" + route.send().get(route.send().size() - 1)
            + "', which offers nothing to tap: end with a screen that has buttons or a list");
      }
      if (route.event() != null && !KEY.matcher(route.event()).matches()) {
        add(node + ".event", INVALID_VALUE, "an event type is [a-z0-9_]+, got " + route.event());
      }
      if (!route.data().isEmpty() && route.event() == null) {
        add(node + ".data", INVALID_VALUE, "data is logged with the event: set an event");
      }
      route.data().forEach((name, value) -> {
        if (!KEY.matcher(name).matches() || "id".equals(name)) {
          add(node + ".data." + name, INVALID_VALUE, "a data name is [a-z0-9_]+ and not 'id' (the reply id)");
        }
      });
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
    } else if (price <= 0) {
      add(node, NEGATIVE_PRICE, "prices must be positive, got " + price);
    } else if (price > BusinessProfile.MAX_PRICE) {
      add(node, INVALID_VALUE, "at most " + BusinessProfile.MAX_PRICE + ", got " + price);
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
