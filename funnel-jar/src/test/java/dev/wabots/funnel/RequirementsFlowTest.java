package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.TextMessage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requirements ("ТЗ") questionnaire: six questions as screens, then a request to draft the document. */
class RequirementsFlowTest {
  private static final String NBSP = "\u00a0";
  private static final String DESCRIPTION = "Бот для записи в барбершоп: запись, перенос, напоминания";
  private static final String FEATURES = "Запись через WhatsApp, интеграция с YCLIENTS, отчёт по загрузке мастеров";

  @Test
  void theQuestionnaireStartsFromThePricesScreenAndTheFaqWithAnIntroAndTheFirstQuestion() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_prices");
    assertTrue(chat.offered().contains("tz:start"));
    chat.tap("sales:faq");
    assertTrue(chat.offered().contains("tz:start"));
    chat.state = chat.state.withProfileName("Анна");
    chat.tap("tz:start");
    assertEquals(List.of(new FunnelEvent("tz_started", Map.of("restart", false))), chat.last.events());
    assertContains(chat.said(), "Здравствуйте, Анна!", "около 2 минут", "ТЗ на проект", "разбивку по спринтам",
        "предварительную оценку", "Шаг 1/6");
    assertEquals(List.of("tz:type_chatbot", "tz:type_voice", "tz:type_integration", "tz:type_web", "tz:type_telegram",
        "tz:type_other"), chat.offered());
    assertEquals(Optional.of(FunnelState.TZ_STEP_1), chat.state.funnelState());
  }

  @Test
  void sixAnswersAskTheBotToDraftTheDocument() {
    Chat chat = answerAll("tz:type_other");
    Outcome last = chat.last;
    assertInstanceOf(TextMessage.class, last.messages().get(0));
    assertContains(chat.said(), "Готовлю ТЗ", "около минуты");
    DraftRequest draft = last.draft().orElseThrow();
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("type", "other");
    answers.put("description", DESCRIPTION);
    answers.put("goal", "sales");
    answers.put("features", FEATURES);
    answers.put("timeline", "month");
    answers.put("budget", "100");
    assertEquals(answers, draft.answers());
    assertEquals(List.copyOf(answers.keySet()), List.copyOf(draft.labels().keySet()));
    assertEquals("Другое (опишу)", draft.labels().get("type"));
    assertEquals("Увеличить продажи", draft.labels().get("goal"));
    assertEquals("100–200 тыс. ₽", draft.labels().get("budget"));
    assertEquals("+" + Chat.PHONE.digits(), draft.contact());
    assertContains(draft.brief(), "Тип проекта: Другое (опишу)", "Описание: " + DESCRIPTION, "Бизнес-цель: Увеличить продажи",
        "Ключевые функции: " + FEATURES, "Сроки: В течение месяца", "Бюджет: 100–200 тыс. ₽", "Контакт: +79001234567");
    assertContains(draft.instructions(), "системный аналитик", "1 спринт = 1 неделя = 5 рабочих дней = 50" + NBSP + "000" + NBSP
        + "₽", "минимальный заказ — 1 спринт", "меньше 5 дней", "«ПРОЕКТ СЛИШКОМ МАЛ»", "Kwork.ru", "Хабр Фриланс", "FL.ru",
        "https://github.com/ShaerWare/AI_Secretary_System", "5" + NBSP + "000" + NBSP + "₽", "резерв на риски 20 %", "база × 1,2",
        "нефункциональные требования", "1–3 дня", "демо после каждого спринта", "лучше переоценить",
        "«Итого: N спринтов, N недель, X ₽»");
    assertFalse(draft.instructions().matches("(?s).*\\{[a-z_]+\\}.*"), draft.instructions());
    assertEquals(List.of("tz_result", "tz_result_small", "tz_failed"),
        List.of(draft.resultScreen(), draft.tooSmallScreen(), draft.failedScreen()));
    FunnelEvent requested = last.events().get(last.events().size() - 1);
    assertEquals("tz_draft_requested", requested.type());
    assertEquals(answers, requested.data());
    assertEquals(Optional.empty(), chat.state.funnelState());
    assertTrue(chat.state.requirements().orElseThrow().completed());
    assertTrue(chat.state.funnelCompleted());
  }

  @Test
  void eachAnswerIsLoggedAndTheDescriptionHintsFollowTheProjectType() {
    Chat other = new Chat("ru");
    other.tap("tz:start");
    other.tap("tz:type_other");
    assertEquals(new FunnelEvent("tz_answer", ordered("step", 1, "key", "type", "value", "other")), other.last.events().get(0));
    assertContains(other.said(), "Шаг 2/6", "какую проблему решает", "кто им будет пользоваться");
    assertEquals(Optional.of(FunnelState.TZ_TEXT_2), other.state.funnelState());
    Chat chatbot = new Chat("ru");
    chatbot.tap("tz:start");
    chatbot.tap("tz:type_chatbot");
    assertContains(chatbot.said(), "Шаг 2/6", "основные сценарии", "примеры или аналоги");
    Outcome text = chatbot.text(DESCRIPTION);
    assertFalse(text.needsAi(), "the description is the answer, not a question for the AI");
    assertEquals(new FunnelEvent("tz_answer", ordered("step", 2, "key", "description", "value", DESCRIPTION)),
        text.events().get(0));
    assertContains(chatbot.said(), "Шаг 3/6");
  }

  @Test
  void aTapForAnotherStepChangesNothingAndReAsksTheCurrentOne() {
    Chat chat = new Chat("ru");
    chat.tap("tz:start");
    chat.tap("tz:type_web");
    chat.text(DESCRIPTION);
    UserState before = chat.state;
    chat.tap("tz:type_chatbot");
    assertEquals(FunnelEvent.STALE_REPLY, chat.eventTypes().get(0));
    assertEquals(before.requirements(), chat.state.requirements());
    assertContains(chat.said(), "уже пройден", "Шаг 3/6");
    chat.tap("tz:budget_500");
    assertEquals(before.requirements(), chat.state.requirements());
    assertEquals(Optional.of(FunnelState.TZ_STEP_3), chat.state.funnelState());
  }

  @Test
  void afterTheDraftAnOldAnswerOffersToStartAgain() {
    Chat chat = answerAll("tz:type_voice");
    chat.tap("tz:goal_cost");
    assertEquals(List.of("tz:start", "nav:welcome"), chat.offered());
    assertTrue(chat.last.draft().isEmpty());
  }

  @Test
  void restartClearsTheAnswersAndAGreetingOrAnotherTapEndsATextQuestion() {
    Chat chat = new Chat("ru");
    chat.tap("tz:start");
    chat.tap("tz:type_web");
    chat.tap("tz:restart");
    assertEquals(List.of(new FunnelEvent("tz_started", Map.of("restart", true))), chat.last.events());
    assertEquals(Map.of(), chat.state.requirements().orElseThrow().answers());
    chat.tap("tz:type_web");
    chat.text("привет");
    assertEquals(Optional.empty(), chat.state.funnelState());
    assertTrue(chat.text(DESCRIPTION).needsAi(), "the question was closed by the greeting");
    chat.tap("tz:start");
    chat.tap("tz:type_web");
    chat.tap("sales:faq");
    assertTrue(chat.text(DESCRIPTION).needsAi(), "the question was closed by the tap");
  }

  @Test
  void aVeryLongAnswerIsCut() {
    Chat chat = new Chat("en");
    chat.tap("tz:start");
    chat.tap("tz:type_web");
    chat.text("ж".repeat(5000));
    assertEquals(RequirementsFlow.MAX_TEXT, chat.state.requirements().orElseThrow().answers().get("description").length());
  }

  @Test
  void paySprintLeadsToTheManagerWithoutAPaymentLink() {
    Chat chat = new Chat("ru");
    chat.tap("tz:pay_sprint");
    assertEquals("tz_pay_clicked", chat.eventTypes().get(0));
    assertContains(chat.said(), "Первый спринт — 50" + NBSP + "000" + NBSP + "₽", "24 часов", "https://t.me/example_manager");
    assertFalse(chat.said().contains("yoomoney"), "no link that would record the sprint as the install (the seed's bug)");
    assertEquals(List.of("nav:welcome"), chat.offered());
  }

  @Test
  void theBotsScreensAfterTheDraftRenderWithTheProfile() {
    BusinessProfile profile = new BusinessProfile(null, null, null, null, "пн–сб 9–18", null, null, null, null, null, null,
        Map.of("sprint", 60_000L));
    FunnelDefinition definition = FunnelDefinition.load("ru").withProfile(profile);
    ReplyButtonsMessage result = (ReplyButtonsMessage) definition.render("tz_result", null);
    assertContains(result.body(), "60" + NBSP + "000" + NBSP + "₽", "MVP");
    assertEquals(List.of("tz:pay_sprint", "tz:restart", "nav:welcome"), Chat.ids(List.of(result)));
    ReplyButtonsMessage small = (ReplyButtonsMessage) definition.render("tz_result_small", null);
    assertContains(small.body(), "Kwork.ru", "5" + NBSP + "000" + NBSP + "₽");
    assertEquals(List.of("sales:github", "sales:basic_checkout", "tz:restart"), Chat.ids(List.of(small)));
    ReplyButtonsMessage failed = (ReplyButtonsMessage) definition.render("tz_failed", null);
    assertContains(failed.body(), "ответы сохранены", "пн–сб 9–18");
    assertThrows(IllegalArgumentException.class, () -> definition.render("tz_nothing", null));
    assertThrows(IllegalStateException.class, () -> definition.render("basic_pay", null), "needs the payment link");
    Chat chat = new Chat(new FunnelEngine(definition));
    chat.tap("tz:start");
    chat.tap("tz:type_web");
    chat.text(DESCRIPTION);
    chat.tap("tz:goal_scale");
    chat.text(FEATURES);
    chat.tap("tz:time_urgent");
    chat.tap("tz:budget_calculate");
    assertTrue(chat.last.draft().orElseThrow().instructions().contains("60" + NBSP + "000" + NBSP + "₽"));
  }

  @Test
  void aDeclinedDraftIsToldApartByItsMarker() {
    DraftRequest draft = answerAll("tz:type_telegram").last.draft().orElseThrow();
    assertTrue(draft.tooSmall("ПРОЕКТ СЛИШКОМ МАЛ. Задача на пару дней: …"));
    assertTrue(draft.tooSmall("К сожалению, проект слишком маленький для спринта"));
    assertTrue(draft.tooSmall("This project is too small for us"));
    assertFalse(draft.tooSmall("# ТЗ\n## Спринт 1 (неделя 1) — MVP"));
  }

  @Test
  void theFacadeHandsTheDraftRequestToTheBot() {
    try (InMemoryFunnelStore store = new InMemoryFunnelStore()) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("en")), store, Chat.BOT, java.time.Clock.systemUTC());
      Conversation user = new Conversation(funnel, Chat.PHONE, "Ann");
      user.taps("tz:start");
      user.picks("tz:type_chatbot");
      user.says("A support bot for an online shop");
      user.picks("tz:goal_service");
      user.says("Answers about orders, hand-over to a person");
      user.picks("tz:time_quarter");
      assertTrue(user.last.draft().isEmpty());
      FunnelReply reply = user.picks("tz:budget_200");
      DraftRequest draft = reply.draft().orElseThrow();
      assertContains(draft.brief(), "Project type: AI assistant / Chatbot", "Business goal: Better service",
          "Timeline: Within a quarter", "Budget: 200-500K ₽");
      assertContains(draft.instructions(), "PROJECT TOO SMALL", "50,000" + NBSP + "₽");
    }
  }

  /**
   * The SQLite store keeps the step ({@code funnel_state}) but not yet the answers themselves (see
   * the report): the questionnaire still runs to the end, and every answer is in the events.
   */
  @Test
  void withTheSqliteStoreTheQuestionnaireRunsToTheEndAndTheEventsHoldEveryAnswer(@TempDir Path dir) throws Exception {
    try (SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("bot.db"))) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, Chat.BOT, java.time.Clock.systemUTC());
      Conversation user = new Conversation(funnel, Chat.PHONE, "Ирина");
      user.taps("tz:start");
      user.picks("tz:type_integration");
      user.says(DESCRIPTION);
      user.picks("tz:goal_automation");
      user.says(FEATURES);
      user.picks("tz:time_month");
      FunnelReply reply = user.picks("tz:budget_50");
      assertEquals("50", reply.draft().orElseThrow().answers().get("budget"));
      assertEquals(Optional.empty(), store.find(Chat.PHONE).orElseThrow().funnelState());
      List<String> answers = new java.util.ArrayList<>();
      try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
          var s = c.createStatement();
          var rows = s.executeQuery("SELECT json_extract(event_data, '$.value') FROM events WHERE event_type = 'tz_answer'"
              + " ORDER BY id")) {
        while (rows.next()) {
          answers.add(rows.getString(1));
        }
      }
      assertEquals(List.of("integration", DESCRIPTION, "automation", FEATURES, "month", "50"), answers);
    }
  }

  @Test
  void theValidatorChecksTheQuestionnaire() throws Exception {
    assertRefused(d -> ((ObjectNode) d.at("/requirements/steps/0/options")).put("tz:type_robot", "robot"),
        "requirements.steps[0].options.tz:type_robot", DefinitionRule.MISSING_TARGET, "does not offer");
    assertRefused(d -> ((ObjectNode) d.at("/requirements/steps/2")).put("screen", "tz_step_9"),
        "requirements.steps[2].screen", DefinitionRule.MISSING_TARGET, "tz_step_9");
    assertRefused(d -> ((ObjectNode) d.at("/screens/tz_step_3")).remove("list"),
        "requirements.steps[2].screen", DefinitionRule.DEAD_END, "buttons or a list");
    assertRefused(d -> ((ObjectNode) d.at("/requirements")).put("brief", "Требования без ответов"),
        "requirements.brief", DefinitionRule.INVALID_VALUE, "{answers}");
    assertRefused(d -> ((ObjectNode) d.at("/requirements")).put("instructions", "Спринт стоит {sprint_cost}"),
        "requirements.instructions", DefinitionRule.UNRESOLVED_PLACEHOLDER, "{sprint_cost}");
    assertRefused(d -> ((ObjectNode) d.at("/requirements/steps/3")).putObject("options").put("tz:x", "x"),
        "requirements.steps[3].options", DefinitionRule.INVALID_VALUE, "free-text");
    assertRefused(d -> {
      ArrayNode steps = (ArrayNode) d.at("/requirements/steps");
      steps.addObject().put("key", "extra").put("label", "Ещё").put("screen", "tz_step_4").put("text", true);
    }, "requirements.steps", DefinitionRule.INVALID_VALUE, "1 to 6 steps, got 7");
    assertRefused(d -> ((ObjectNode) d.at("/requirements")).put("failed", "tz_drafting"),
        "requirements.failed", DefinitionRule.DEAD_END, "tz_drafting");
    assertRefused(d -> ((ObjectNode) d.at("/requirements/steps/4/options")).put("tz:budget_50", "50"),
        "requirements.steps[5].options.tz:budget_50", DefinitionRule.DUPLICATE, "tz:budget_50");
  }

  private static Chat answerAll(String type) {
    Chat chat = new Chat("ru");
    chat.tap("tz:start");
    chat.tap(type);
    chat.text(DESCRIPTION);
    chat.tap("tz:goal_sales");
    chat.text(FEATURES);
    chat.tap("tz:time_month");
    assertTrue(chat.last.draft().isEmpty(), "no draft before the last answer");
    chat.tap("tz:budget_100");
    return chat;
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static void assertRefused(Consumer<ObjectNode> breakIt, String node, DefinitionRule rule, String detail)
      throws Exception {
    ObjectNode definition = (ObjectNode) new ObjectMapper().readTree(FunnelDefinition.defaultJson("ru"));
    breakIt.accept(definition);
    InvalidDefinitionException e =
        assertThrows(InvalidDefinitionException.class, () -> FunnelDefinition.parse(definition.toString()));
    assertTrue(
        e.problems().stream().anyMatch(p -> p.node().equals(node) && p.rule() == rule && p.message().contains(detail)),
        "expected " + node + " " + rule + " mentioning '" + detail + "', got:\n" + e.getMessage());
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "missing '" + part + "' in:\n" + text);
    }
  }

  @Test
  void theEstimateIsTheDocumentsLastTotalLineWithAFigureWithoutEmphasis() {
    String document = "# ТЗ\nИтого по спринту 1 — без цифр\n*Итого:* 3 спринта, 3 недели, 180 000 ₽\nСпасибо!";
    assertEquals(Optional.of("Итого: 3 спринта, 3 недели, 180 000 ₽"), DraftRequest.estimate(document));
    assertEquals(Optional.of("Total: 2 sprints, 120,000 ₽"), DraftRequest.estimate("Plan\n**Total: 2 sprints, 120,000 ₽**"));
    assertEquals(Optional.empty(), DraftRequest.estimate("Итоговый план готов, 5 задач\nИтого — по договорённости"));
  }
}
