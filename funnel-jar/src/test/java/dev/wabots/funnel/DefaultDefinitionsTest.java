package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.CloudApiLimits;
import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.ReplyId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped definitions are valid, and a walk of the conversation graph from the welcome screen
 * reaches every reply id of FUNNEL.md, finds a handler for each and produces only messages within
 * the limits. The walk visits each reply id once per distinct (quiz answer, funnel state, open
 * discovery, segment) it is reachable in, and answers every free-text question.
 */
class DefaultDefinitionsTest {
  /** Every reply id FUNNEL.md names. */
  static final Set<String> FUNNEL_IDS = funnelIds();

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void defaultDefinitionHasNoProblems(String language) {
    FunnelDefinition definition = FunnelDefinition.load(language);
    assertEquals(language, definition.language());
    assertEquals(List.of(), definition.validate());
    assertEquals(9, definition.greetings().size());
  }

  @Test
  void refusesAnUnknownLanguage() {
    assertThrows(IllegalArgumentException.class, () -> FunnelDefinition.load("de"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void everyReplyIdReachableFromWelcomeIsHandledAndEveryMessageFits(String language) {
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load(language));
    Walk walk = walk(engine, DefaultDefinitionsTest::check);
    Set<String> missing = new TreeSet<>(FUNNEL_IDS);
    missing.removeAll(walk.reached());
    assertEquals(Set.of(), missing, "FUNNEL.md reply ids not reachable from the welcome screen");
    Set<String> emitted = emittedIds(engine.definition());
    emitted.removeAll(walk.reached());
    assertEquals(Set.of(), emitted, "reply ids of the definition not reachable from the welcome screen");
    assertTrue(walk.messages() > 200, "walked " + walk.messages() + " messages");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void everyScreenIsReachable(String language) {
    assertEquals(Set.of(), FunnelDefinition.load(language).unreachableScreens());
  }

  @Test
  void thePaymentConfirmationNamesTheAmountTheProfilesContactsAndAWayOn() {
    BusinessProfile own = new BusinessProfile(null, "+7 999 123-45-67", null, null, "пн–пт 9–18", null, null, null,
        null, null, null, null);
    OutboundMessage ru = FunnelDefinition.load("ru").withProfile(own)
        .paymentReceived(new java.math.BigDecimal("4975.50"), null).orElseThrow();
    String text = String.join("\n", MessageCheck.texts(ru));
    assertTrue(text.contains("4\u00a0975,50\u00a0₽"), text);
    assertTrue(text.contains("+7 999 123-45-67") && text.contains("пн–пт 9–18"), text);
    assertTrue(text.contains("sales:contact") || ru.toString().contains("sales:contact"), ru.toString());
    OutboundMessage en = FunnelDefinition.load("en").paymentReceived(java.math.BigDecimal.valueOf(5000), null)
        .orElseThrow();
    assertTrue(String.join("\n", MessageCheck.texts(en)).contains("5,000\u00a0₽")
        || String.join("\n", MessageCheck.texts(en)).contains("5\u00a0000\u00a0₽"), MessageCheck.texts(en).toString());
  }

  @Test
  void bothLanguagesHaveTheSameScreensRoutesOptionsAndFigures() {
    DefinitionData ru = FunnelDefinition.load("ru").data();
    DefinitionData en = FunnelDefinition.load("en").data();
    assertEquals(ru.screens().keySet(), en.screens().keySet());
    assertEquals(ru.routes(), en.routes(), "same targets and events");
    assertEquals(emittedIds(FunnelDefinition.load("ru")), emittedIds(FunnelDefinition.load("en")));
    for (String key : ru.screens().keySet()) {
      assertEquals(ru.screens().get(key).event(), en.screens().get(key).event(), key);
      assertEquals(Placeholders.names(ru.screens().get(key).body()).stream().sorted().distinct().toList(),
          Placeholders.names(en.screens().get(key).body()).stream().sorted().distinct().toList(), "placeholders of " + key);
    }
    assertEquals(FunnelDefinition.load("ru").prices(), FunnelDefinition.load("en").prices());
    assertEquals(ru.prices().keySet(), en.prices().keySet());
    assertEquals(ru.savings(), en.savings());
    assertEquals(ru.gpus().stream().map(g -> g.key() + g.llm() + g.quality()).toList(),
        en.gpus().stream().map(g -> g.key() + g.llm() + g.quality()).toList());
    assertEquals(ru.quote().volumes().stream().map(v -> v.key() + v.multiplier()).toList(),
        en.quote().volumes().stream().map(v -> v.key() + v.multiplier()).toList());
  }

  /** What a walk of the conversation graph saw. */
  record Walk(Set<String> reached, int messages) {}

  /**
   * Walks the conversation graph from the welcome screen: every reply id offered, once per distinct
   * (quiz answer, funnel state, open discovery, segment), every free-text question answered (a GPU
   * model for the GPU question). Asserts every id has a handler and an answer; {@code check} sees
   * every message.
   */
  static Walk walk(FunnelEngine engine, java.util.function.Consumer<OutboundMessage> check) {
    Deque<Pending> queue = new ArrayDeque<>();
    Set<String> visited = new HashSet<>();
    Set<String> reached = new TreeSet<>();
    int steps = 0;
    int messages = 0;
    Outcome start = engine.step(UserState.newUser(Chat.PHONE, Instant.EPOCH).withProfileName("Ж".repeat(30)),
        new FunnelInput.Text("/start"), Chat.BOT, Instant.EPOCH);
    messages += check(start, check);
    enqueue(queue, start);
    while (!queue.isEmpty()) {
      Pending next = queue.poll();
      if (!visited.add(next.key())) {
        continue;
      }
      reached.add(next.id());
      Outcome outcome = engine.step(next.state(), new FunnelInput.Reply(ReplyId.of(next.id())), Chat.BOT, Instant.EPOCH);
      steps++;
      assertFalse(outcome.events().stream().anyMatch(e -> e.type().equals(FunnelEvent.UNKNOWN_REPLY)),
          "no handler for " + next.id());
      assertFalse(outcome.messages().isEmpty(), "no answer to " + next.id());
      messages += check(outcome, check);
      enqueue(queue, outcome);
      if (outcome.state().funnelState().filter(FunnelState::awaitsText).isPresent()) {
        String answer = outcome.state().funnelState().get() == FunnelState.DIY_GPU_CUSTOM ? "RTX 2070 8 ГБ" : "Ответ пользователя";
        Outcome answered = engine.step(outcome.state(), new FunnelInput.Text(answer), Chat.BOT, Instant.EPOCH);
        assertFalse(answered.needsAi(), "free-text question after " + next.id() + " not consumed");
        messages += check(answered, check);
        enqueue(queue, answered);
      }
      for (OutboundMessage message : botScreens(engine, outcome)) {
        check.accept(message);
        messages++;
        for (String id : Chat.ids(List.of(message))) {
          queue.add(new Pending(outcome.state(), id));
        }
      }
      assertTrue(steps < 50_000, "the walk does not terminate");
    }
    return new Walk(reached, messages);
  }

  /** Checks the messages; for a draft request also the screens the bot sends afterwards. */
  private static int check(Outcome outcome, java.util.function.Consumer<OutboundMessage> check) {
    outcome.messages().forEach(check);
    return outcome.messages().size();
  }

  /** The bot's screens after a draft (result, too small, failed), as if the AI had answered. */
  private static List<OutboundMessage> botScreens(FunnelEngine engine, Outcome outcome) {
    return outcome.draft().map(draft -> List.of(draft.resultScreen(), draft.tooSmallScreen(), draft.failedScreen()).stream()
        .map(screen -> engine.definition().render(screen, null)).toList()).orElse(List.of());
  }

  /** Every reply id the definition can emit: screen options and the generated FAQ ids. */
  private static Set<String> emittedIds(FunnelDefinition definition) {
    Set<String> ids = new TreeSet<>();
    definition.data().screens().values().forEach(screen -> {
      screen.buttons().forEach(option -> ids.add(option.id()));
      if (screen.list() != null) {
        screen.list().sections().forEach(section -> section.rows().forEach(option -> ids.add(option.id())));
      }
    });
    definition.data().faq().sections().forEach(section -> {
      ids.add("faq:back_" + section.key());
      section.questions().forEach(question -> ids.add("faq:" + question.key()));
    });
    ids.add("faq:back_menu");
    return ids;
  }

  private static void check(OutboundMessage message) {
    String json = message.to(Chat.PHONE).toJson();
    assertFalse(json.contains("**"), "Markdown bold instead of WhatsApp *bold*: " + json);
    assertFalse(json.matches("(?s).*\\{[a-z_]+\\}.*"), "unfilled placeholder: " + json);
    assertTrue(CloudApiLimits.length(Chat.text(message)) <= CloudApiLimits.TEXT_BODY + 200);
  }

  private static void enqueue(Deque<Pending> queue, Outcome outcome) {
    for (String id : Chat.ids(outcome.messages())) {
      queue.add(new Pending(outcome.state(), id));
    }
  }

  private record Pending(UserState state, String id) {
    String key() {
      return id + "|" + state.quizTech().orElse("") + "|" + state.funnelState().map(FunnelState::code).orElse("")
          + "|" + state.discovery().filter(d -> !d.completed()).isPresent() + "|" + state.segment().orElse(null);
    }
  }

  private static Set<String> funnelIds() {
    List<String> ids = new ArrayList<>(List.of(
        "sales:start_quiz", "sales:github", "sales:faq", "sales:back_welcome", "sales:contact",
        "sales:qt_diy", "sales:qt_ready", "sales:qt_business",
        "sales:qi_gpu", "sales:qi_cpu", "sales:qi_none", "sales:qi_unknown",
        "sales:gpu_gtx_16xx", "sales:gpu_rtx_30xx_low", "sales:gpu_rtx_30xx_high", "sales:gpu_rtx_40xx", "sales:gpu_other",
        "sales:diy_github", "sales:diy_install_5k", "sales:diy_gpu_list",
        "sales:basic_checkout", "sales:basic_demo", "sales:basic_back_value", "sales:basic_pay", "sales:basic_no_gpu",
        "sales:nogpu_cpu", "sales:nogpu_vps", "sales:nogpu_own",
        "sales:custom_start", "sales:custom_prices", "sales:ci_more", "sales:ci_done",
        "sales:custom_expensive", "sales:custom_restart", "sales:ce_mvp", "sales:ce_stages", "sales:ce_diy",
        "faq:back_menu", "nav:welcome", "tz:start", "tz:restart", "tz:pay_sprint"));
    for (String v : List.of("low", "mid", "high", "enterprise", "unknown")) {
      ids.add("sales:cv_vol_" + v);
    }
    for (String i : List.of("bitrix", "amo", "1c", "phone", "custom", "none")) {
      ids.add("sales:ci_int_" + i);
    }
    for (String t : List.of("urgent", "month", "quarter", "research")) {
      ids.add("sales:ct_time_" + t);
    }
    for (String b : List.of("50", "100", "200", "500", "unknown")) {
      ids.add("sales:cb_budget_" + b);
    }
    for (String t : List.of("type_chatbot", "type_voice", "type_integration", "type_web", "type_telegram", "type_other",
        "goal_cost", "goal_sales", "goal_automation", "goal_service", "goal_scale", "time_urgent", "time_month",
        "time_quarter", "time_research", "budget_50", "budget_100", "budget_200", "budget_500", "budget_calculate")) {
      ids.add("tz:" + t);
    }
    for (String s : List.of("product", "install", "pricing")) {
      ids.add("faq:cat_" + s);
      ids.add("faq:back_" + s);
    }
    for (String q : List.of("what_is", "offline", "security", "vs_cloud", "cloud_models", "hardware", "install",
        "integrations", "price", "support", "free_trial")) {
      ids.add("faq:" + q);
    }
    return Set.copyOf(ids);
  }
}
