package dev.wabots.funnel;

import dev.wabots.funnel.Action.Kind;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps reply ids to actions: the built-in handlers of FUNNEL.md (whose option keys come from the
 * definition's tables) first, then the definition's navigation routes. The validator uses the same
 * router, so "has a handler" means exactly what the engine does.
 */
final class ReplyRouter {
  static final String TZ_START = "tz:start";
  static final String TZ_RESTART = "tz:restart";
  private static final Map<String, Kind> FIXED =
      Map.ofEntries(
          Map.entry("sales:start_quiz", Kind.START_QUIZ),
          Map.entry("sales:gpu_other", Kind.GPU_OTHER),
          Map.entry("sales:contact", Kind.CONTACT),
          Map.entry("sales:basic_pay", Kind.BASIC_PAY),
          Map.entry("sales:custom_start", Kind.CUSTOM_START),
          Map.entry("sales:custom_restart", Kind.CUSTOM_RESTART),
          Map.entry("sales:ci_int_none", Kind.INTEGRATION_NONE),
          Map.entry("sales:ci_more", Kind.INTEGRATION_MORE),
          Map.entry("sales:ci_done", Kind.INTEGRATION_DONE),
          Map.entry("sales:faq", Kind.FAQ_MENU),
          Map.entry("faq:back_menu", Kind.FAQ_MENU),
          Map.entry("nav:welcome", Kind.NAV_WELCOME),
          Map.entry("nav:menu", Kind.NAV_MENU));

  private final Set<String> techs;
  private final Set<String> infras = new HashSet<>();
  private final Set<String> gpus;
  private final Set<String> volumes;
  private final Set<String> integrations;
  private final Set<String> timelines;
  private final Set<String> budgets;
  private final Set<String> faqSections;
  private final Set<String> faqQuestions;
  private final Set<String> routes;
  private final boolean requirements;
  private final Set<String> requirementAnswers = new HashSet<>();

  ReplyRouter(DefinitionData data) {
    techs = data.segments().keySet();
    data.segments().values().forEach(row -> infras.addAll(row.keySet()));
    gpus = keys(data.gpus().stream().map(DefinitionData.Gpu::key));
    DefinitionData.QuoteSpec quote = data.quote();
    volumes = quote == null ? Set.of() : keys(quote.volumes().stream().map(DefinitionData.Volume::key));
    integrations = quote == null ? Set.of() : keys(quote.integrations().stream().map(DefinitionData.PricedItem::key));
    timelines = quote == null ? Set.of() : keys(quote.timelines().stream().map(DefinitionData.Labeled::key));
    budgets = quote == null ? Set.of() : keys(quote.budgets().stream().map(DefinitionData.Labeled::key));
    DefinitionData.Faq faq = data.faq();
    faqSections = faq == null ? Set.of() : keys(faq.sections().stream().map(DefinitionData.FaqSection::key));
    faqQuestions =
        faq == null
            ? Set.of()
            : keys(faq.sections().stream().flatMap(s -> s.questions().stream()).map(DefinitionData.FaqQuestion::key));
    routes = data.routes().keySet();
    requirements = data.requirements() != null;
    if (requirements) {
      data.requirements().steps().forEach(step -> requirementAnswers.addAll(step.options().keySet()));
    }
  }

  private static Set<String> keys(java.util.stream.Stream<String> keys) {
    return keys.filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
  }

  Action resolve(String id) {
    Action builtIn = builtIn(id);
    if (builtIn.handled()) {
      return builtIn;
    }
    return routes.contains(id) ? new Action(Kind.ROUTE, id) : builtIn;
  }

  /** The built-in handler for {@code id}, ignoring routes. */
  Action builtIn(String id) {
    Kind fixed = FIXED.get(id);
    if (fixed != null) {
      return new Action(fixed, id);
    }
    int colon = id.indexOf(':');
    String prefix = colon < 0 ? "" : id.substring(0, colon);
    String action = id.substring(colon + 1);
    switch (prefix) {
      case "sales":
        return sales(action, id);
      case "faq":
        return faq(action, id);
      case "tz":
        return tz(id);
      default:
        return new Action(Kind.UNKNOWN, id);
    }
  }

  private Action sales(String action, String id) {
    return first(
        id,
        action,
        new Keyed("qt_", techs, Kind.QUIZ_TECH),
        new Keyed("qi_", infras, Kind.QUIZ_INFRA),
        new Keyed("gpu_", gpus, Kind.GPU),
        new Keyed("cv_", volumes, Kind.VOLUME),
        new Keyed("ci_", integrations, Kind.INTEGRATION),
        new Keyed("ct_", timelines, Kind.TIMELINE),
        new Keyed("cb_", budgets, Kind.BUDGET));
  }

  /**
   * {@code tz:start} / {@code tz:restart} and the questionnaire's answers when the definition has
   * one (other {@code tz:} ids are then left to routes); otherwise every {@code tz:} id is "coming
   * soon".
   */
  private Action tz(String id) {
    if (!requirements) {
      return new Action(Kind.TZ, id);
    }
    if (id.equals(TZ_START) || id.equals(TZ_RESTART)) {
      return new Action(Kind.TZ_START, id);
    }
    return new Action(requirementAnswers.contains(id) ? Kind.TZ_ANSWER : Kind.UNKNOWN, id);
  }

  private Action faq(String action, String id) {
    return first(
        id,
        action,
        new Keyed("cat_", faqSections, Kind.FAQ_SECTION),
        new Keyed("back_", faqSections, Kind.FAQ_SECTION),
        new Keyed("", faqQuestions, Kind.FAQ_ANSWER));
  }

  private static Action first(String id, String action, Keyed... candidates) {
    for (Keyed candidate : candidates) {
      if (action.startsWith(candidate.prefix())
          && candidate.keys().contains(action.substring(candidate.prefix().length()))) {
        return new Action(candidate.kind(), action.substring(candidate.prefix().length()));
      }
    }
    return new Action(Kind.UNKNOWN, id);
  }

  /** Ids of the form {@code prefix + key} for a key of a definition table. */
  private record Keyed(String prefix, Set<String> keys, Kind kind) {}
}
