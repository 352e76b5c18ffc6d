package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.ListMessage;
import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.MessageId;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.ReplyId;
import dev.wabots.whatsapp.TextMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunnelEngineTest {
  private static final List<String> WELCOME = List.of("sales:start_quiz", "sales:github", "sales:faq");
  private static final List<String> MENU = List.of("sales:start_quiz", "sales:contact", "sales:faq");

  @ParameterizedTest
  @ValueSource(strings = {"/start", "/menu", "start", "menu", "привет", "здравствуйте", "хай", "hello", "hi",
      "  ПРИВЕТ  ", "Hello!", "HI"})
  void greetingTriggersShowTheWelcomeScreen(String text) {
    Chat chat = new Chat("ru");
    chat.text(text);
    assertEquals(WELCOME, chat.offered());
    assertFalse(chat.last.needsAi());
    assertEquals(List.of("start"), chat.eventTypes(), "the seed's event name");
  }

  @Test
  void welcomeGreetsByProfileNameWhenKnown() {
    Chat chat = new Chat("ru");
    chat.state = chat.state.withProfileName("Анна");
    chat.text("привет");
    assertTrue(chat.said().startsWith("Здравствуйте, Анна!"), chat.said());
    assertTrue(new Chat("en").text("hi").messages().get(0) instanceof ReplyButtonsMessage);
  }

  @Test
  void otherTextIsHandedToTheAiWithTheText() {
    Chat chat = new Chat("ru");
    Outcome outcome = chat.text("Сколько стоит установка на 3 офиса?");
    assertTrue(outcome.needsAi());
    assertEquals("Сколько стоит установка на 3 офиса?", outcome.aiText().orElseThrow());
    assertEquals(List.of(), outcome.messages());
    assertEquals(List.of(FunnelEvent.AI_FALLBACK), chat.eventTypes());
  }

  @Test
  void menuAndWelcomeAreFunctionsOfTheDefinition() {
    FunnelDefinition definition = FunnelDefinition.load("en");
    assertEquals(MENU, Chat.ids(List.of(definition.menu())));
    assertEquals(WELCOME, Chat.ids(List.of(definition.welcome("Bob"))));
    assertTrue(((ReplyButtonsMessage) definition.welcome("Bob")).body().startsWith("Hello, Bob!"));
    assertTrue(((ReplyButtonsMessage) definition.welcome(null)).body().startsWith("Hello!"));
    assertTrue(((ReplyButtonsMessage) definition.welcome("x".repeat(31))).body().startsWith("Hello!"));
  }

  @Test
  void nonTextMessagesGetAPoliteReplyAndTheMenu() {
    Chat chat = new Chat("ru");
    Outcome outcome = chat.step(FunnelInput.of(new MessageContent.Media(
        MessageContent.MediaKind.IMAGE, "1", "image/jpeg", "", "", false, false)));
    assertEquals(2, outcome.messages().size());
    assertTrue(((TextMessage) outcome.messages().get(0)).body().contains("изображения"));
    assertEquals(MENU, chat.offered());
    assertEquals("image", outcome.events().get(0).data().get("type"));
    chat.step(FunnelInput.of(new MessageContent.Unsupported("unsupported", "x", List.of())));
    assertTrue(chat.said().contains("текстовые сообщения"), chat.said());
    chat.step(FunnelInput.of(new MessageContent.Location(1, 2, "", "", "")));
    assertEquals(MENU, chat.offered());
  }

  @Test
  void reactionsAndEditsAreNotAnswered() {
    Chat chat = new Chat("ru");
    Outcome outcome = chat.step(FunnelInput.of(new MessageContent.Reaction(new MessageId("wamid.1"), "👍")));
    assertEquals(List.of(), outcome.messages());
    assertFalse(outcome.needsAi());
  }

  @Test
  void welcomeRequestShowsTheWelcomeScreen() {
    Chat chat = new Chat("en");
    chat.step(FunnelInput.of(new MessageContent.RequestWelcome()));
    assertEquals(WELCOME, chat.offered());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sales:teleport", "faq:nothing", "nav:somewhere", "weird", "sales:qt_alien"})
  void unknownReplyIdsGetTheMenuAndAreLogged(String id) {
    Chat chat = new Chat("ru");
    chat.tap(id);
    assertEquals(MENU, chat.offered());
    assertEquals(FunnelEvent.UNKNOWN_REPLY, chat.last.events().get(0).type());
    assertEquals(id, chat.last.events().get(0).data().get("id"));
  }

  @Test
  void withoutAQuestionnaireTzIdsAnswerComingSoonAndMenu() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(FunnelDefinition.defaultJson("ru"));
    json.remove("requirements");
    com.fasterxml.jackson.databind.node.ObjectNode screens = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("screens");
    screens.putObject("coming_soon").put("body", "Генератор ТЗ скоро появится.");
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("routes")).remove("tz:pay_sprint");
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.parse(json.toString())));
    chat.tap("tz:start");
    assertTrue(chat.said().contains("скоро"));
    assertEquals(MENU, chat.offered());
    assertEquals("tz_requested", chat.eventTypes().get(0));
  }

  @Test
  void navigationIdsShowWelcomeAndMenu() {
    Chat chat = new Chat("ru");
    chat.tap("nav:welcome");
    assertEquals(WELCOME, chat.offered());
    chat.tap("nav:menu");
    assertEquals(MENU, chat.offered());
  }

  @ParameterizedTest(name = "{0} x {1} → {2}/{3}")
  @CsvSource({
    "diy,gpu,DIY,diy_ready", "diy,cpu,DIY,diy_need_advice", "diy,none,DIY,diy_need_hw", "diy,unknown,DIY,diy_need_audit",
    "ready,gpu,BASIC,basic_hot", "ready,cpu,BASIC,basic_warm", "ready,none,BASIC,basic_cold", "ready,unknown,BASIC,basic_audit",
    "business,gpu,CUSTOM,custom_hot", "business,cpu,CUSTOM,custom_warm", "business,none,CUSTOM,custom_full",
    "business,unknown,CUSTOM,custom_discovery"
  })
  void quizMapsEveryMatrixCellToItsSegment(String tech, String infra, Segment segment, String sub) {
    Chat chat = new Chat("ru");
    chat.tap("sales:start_quiz");
    assertEquals(List.of("sales:qt_diy", "sales:qt_ready", "sales:qt_business"), chat.offered());
    chat.tap("sales:qt_" + tech);
    assertInstanceOf(ListMessage.class, chat.last.messages().get(0));
    chat.tap("sales:qi_" + infra);
    assertEquals(Optional.of(segment), chat.state.segment());
    assertEquals(Optional.of(sub), chat.state.subSegment());
    FunnelEvent completed = chat.last.events().get(0);
    assertEquals(FunnelEvent.QUIZ_COMPLETED, completed.type());
    assertEquals(segment.name(), completed.data().get("segment"));
    String entry = switch (segment) {
      case DIY -> "sales:gpu_gtx_16xx";
      case CUSTOM -> "sales:custom_start";
      default -> "sales:basic_checkout";
    };
    assertTrue(chat.offered().contains(entry), chat.offered().toString());
  }

  @Test
  void infrastructureAnswerWithoutTechAnswerIsUnknownRoutedLikeBasic() {
    Chat chat = new Chat("ru");
    chat.tap("sales:qi_gpu");
    assertEquals(Optional.of(Segment.UNKNOWN), chat.state.segment());
    assertEquals(Optional.of("unknown"), chat.state.subSegment());
    assertTrue(chat.offered().contains("sales:basic_checkout"));
  }

  @Test
  void knownGpuGetsItsAudit() {
    Chat chat = new Chat("en");
    chat.tap("sales:gpu_rtx_30xx_high");
    assertTrue(chat.said().contains("RTX 3080/3090 (10-24 GB VRAM)"), chat.said());
    assertTrue(chat.said().contains("Qwen2.5-14B"));
    assertTrue(chat.said().contains("Quality: ⭐⭐⭐⭐\n"), "quality as N × ⭐: " + chat.said());
    assertEquals(List.of("sales:diy_github", "sales:diy_install_5k", "sales:contact"), chat.offered());
  }

  @Test
  void otherGpuAsksForTheModelAndAnswersThatThereIsNoDataForIt() {
    Chat chat = new Chat("ru");
    chat.tap("sales:gpu_other");
    assertEquals(Optional.of(FunnelState.DIY_GPU_CUSTOM), chat.state.funnelState());
    Outcome outcome = chat.text("Tesla P40 24GB");
    assertFalse(outcome.needsAi());
    assertEquals(new FunnelEvent("gpu_custom_input", java.util.Map.of("text", "Tesla P40 24GB")), outcome.events().get(0));
    assertTrue(chat.said().contains("«Tesla P40 24GB» у меня нет данных"), chat.said());
    assertEquals(List.of("sales:diy_gpu_list", "sales:diy_github"), chat.offered());
  }

  @Test
  void aSecondGpuModelIsCheckedTooNotHandedToTheAi() {
    Chat chat = new Chat("ru");
    chat.tap("sales:gpu_other");
    chat.text("GTX 1050 Ti");
    Outcome second = chat.text("а если RTX 2060?");
    assertFalse(second.needsAi(), "the seed's bug: a model typed again went to the AI");
    assertTrue(chat.said().contains("RTX 2060"), chat.said());
    Outcome question = chat.text("а что дальше?");
    assertTrue(question.needsAi(), "text that names no GPU goes to the AI");
    assertEquals(Optional.empty(), chat.state.funnelState());
    assertTrue(chat.text("RTX 3090").needsAi(), "once closed, the question stays closed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RTX 2070", "gtx1660 super", "Tesla T4", "P40", "A100 80GB", "Radeon 7900 XTX", "1080 ti",
      "видеокарта на 8 гб", "GeForce", "Intel Arc A770"})
  void textsThatNameAGpuLookLikeOne(String text) {
    assertTrue(DiyFlow.looksLikeGpu(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"не знаю", "а что дальше?", "у меня 2 сервера", "сколько стоит установка", "ноутбук"})
  void otherTextsDoNot(String text) {
    assertFalse(DiyFlow.looksLikeGpu(text), text);
  }

  @Test
  void tappingElsewhereDropsAPendingFreeTextQuestion() {
    Chat chat = new Chat("ru");
    chat.tap("sales:gpu_other");
    chat.tap("sales:faq");
    assertEquals(Optional.empty(), chat.state.funnelState());
    assertTrue(chat.text("Tesla P40").needsAi());
  }

  @Test
  void githubLinkIsInTheText() {
    Chat chat = new Chat("ru");
    chat.tap("sales:github");
    assertTrue(chat.said().contains("https://github.com/ShaerWare/AI_Secretary_System"), chat.said());
    assertEquals(WELCOME, chat.offered());
    assertEquals(new FunnelEvent("cta_clicked", java.util.Map.of("id", "sales:github", "action", "github")),
        chat.last.events().get(0));
  }

  @Test
  void paymentLinkCarriesReceiverSumAndLabelOfBotAndPhone() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_pay");
    String text = chat.said();
    assertTrue(text.contains("https://yoomoney.ru/quickpay/confirm.xml?receiver=410000000000000"), text);
    assertTrue(text.contains("&sum=5000&"), text);
    assertTrue(text.contains("&label=support-bot%3A79001234567"), text);
    assertEquals(List.of("sales:contact", "nav:welcome"), chat.offered());
    FunnelEvent event = chat.last.events().get(0);
    assertEquals(FunnelEvent.PAYMENT_LINK_SENT, event.type());
    assertEquals("support-bot:79001234567", event.data().get("label"));
    assertTrue(chat.state.funnelCompleted());
  }

  @Test
  void integrationsAccumulateWithoutDuplicatesAndNoneClearsThem() {
    Chat chat = toStep3();
    chat.tap("sales:ci_int_bitrix");
    assertEquals(List.of("sales:ci_more", "sales:ci_done"), chat.offered());
    chat.tap("sales:ci_more");
    assertEquals("sales:ci_int_bitrix", chat.offered().get(0));
    chat.tap("sales:ci_int_phone");
    chat.tap("sales:ci_int_bitrix");
    assertEquals(List.of("int_bitrix", "int_phone"), chat.state.discovery().orElseThrow().integrations());
    assertTrue(chat.said().contains("Bitrix24, Телефония"), chat.said());
    chat.tap("sales:ci_int_none");
    assertEquals(List.of(), chat.state.discovery().orElseThrow().integrations());
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_4), chat.state.funnelState());
  }

  @Test
  void customDiscoveryEndsWithTheQuote() {
    Chat chat = toStep3();
    chat.tap("sales:ci_int_bitrix");
    chat.tap("sales:ci_more");
    chat.tap("sales:ci_int_phone");
    chat.tap("sales:ci_done");
    chat.tap("sales:ct_time_urgent");
    chat.tap("sales:cb_budget_200");
    String quote = ((TextMessage) chat.last.messages().get(0)).body();
    assertTrue(quote.contains("Интеграция: Bitrix24 — 20\u00a0000\u00a0₽"), quote);
    assertTrue(quote.contains("Высокий объём (x1.3) — 30\u00a0000\u00a0₽"), quote);
    assertTrue(quote.contains("от 130\u00a0000\u00a0₽ до 162\u00a0500\u00a0₽"), quote);
    assertTrue(quote.contains("1–2 недели"), quote);
    assertEquals(List.of("sales:contact", "sales:custom_expensive", "sales:custom_restart"), chat.offered());
    Discovery discovery = chat.state.discovery().orElseThrow();
    assertTrue(discovery.completed());
    assertEquals(Optional.of("budget_200"), discovery.budget());
    assertEquals(Optional.empty(), chat.state.funnelState());
    FunnelEvent sent = chat.last.events().get(0);
    assertEquals(FunnelEvent.QUOTE_SENT, sent.type());
    assertEquals(130_000L, sent.data().get("total_min"));
  }

  @Test
  void staleTapReAsksTheCurrentStepAndChangesNothing() {
    Chat chat = toStep3();
    chat.tap("sales:ci_int_amo");
    UserState before = chat.state;
    chat.tap("sales:cv_vol_enterprise"); // the step-2 list, tapped again
    assertEquals(FunnelEvent.STALE_REPLY, chat.eventTypes().get(0));
    assertEquals(before.discovery(), chat.state.discovery());
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_3), chat.state.funnelState());
    assertTrue(chat.offered().contains("sales:ci_int_bitrix"), "re-asks step 3");
    chat.tap("sales:cb_budget_500"); // a step not reached yet
    assertEquals(before.discovery(), chat.state.discovery());
    chat.tap("sales:ci_done");
    chat.tap("sales:ct_time_month");
    chat.tap("sales:cb_budget_100");
    assertEquals(Optional.of("vol_high"), chat.state.discovery().orElseThrow().volume(), "volume kept from step 2");
    // (50 000 + amoCRM 20 000) × 1.3 = 91 000; × 1.25 = 113 750
    assertTrue(Chat.said(chat.last).contains("от 91\u00a0000\u00a0₽ до 113\u00a0750\u00a0₽"), chat.said());
  }

  @Test
  void staleTapAfterTheQuoteShowsTheCustomIntroAndKeepsTheQuote() {
    Chat chat = toStep3();
    chat.tap("sales:ci_int_none");
    chat.tap("sales:ct_time_month");
    chat.tap("sales:cb_budget_50");
    Discovery done = chat.state.discovery().orElseThrow();
    chat.tap("sales:cv_vol_low");
    assertEquals(List.of("sales:custom_start", "sales:custom_prices", "sales:contact"), chat.offered());
    assertEquals(Optional.of(done), chat.state.discovery());
  }

  @Test
  void restartClearsTheDiscoveryAndReturnsToStepOne() {
    Chat chat = toStep3();
    chat.tap("sales:ci_int_1c");
    chat.tap("sales:custom_restart");
    Discovery fresh = chat.state.discovery().orElseThrow();
    assertEquals(Optional.empty(), fresh.volume());
    assertEquals(List.of(), fresh.integrations());
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_1), chat.state.funnelState());
  }

  @Test
  void greetingDuringTaskQuestionShowsWelcomeAndStopsWaiting() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    chat.text("Привет");
    assertEquals(WELCOME, chat.offered());
    assertEquals(Optional.empty(), chat.state.funnelState());
  }

  @Test
  void tooExpensiveOffersThreeAlternatives() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_expensive");
    assertEquals(List.of("sales:ce_mvp", "sales:ce_stages", "sales:ce_diy"), chat.offered());
    assertEquals("objection_expensive", chat.eventTypes().get(0));
    assertTrue(chat.said().contains("15\u00a0000\u00a0₽"), "integration consulting: " + chat.said());
    chat.tap("sales:ce_mvp");
    assertTrue(chat.said().contains("50\u00a0000\u00a0₽") && chat.said().contains("1 неделю"), chat.said());
    assertEquals(List.of("nav:welcome"), chat.offered(), "MVP leads to the contact screen");
    assertTrue(chat.said().contains("+7 800 000-00-00"));
    chat.tap("sales:ce_stages");
    assertEquals(List.of("nav:welcome"), chat.offered(), "stages lead to the contact screen");
    chat.tap("sales:ce_diy");
    assertTrue(chat.offered().contains("sales:gpu_gtx_16xx"), "DIY leads to the GPU list");
  }

  @Test
  void faqHasThreeSectionsWithElevenAnswersAndWayBack() {
    Chat chat = new Chat("ru");
    chat.tap("sales:faq");
    assertTrue(chat.offered().containsAll(List.of("faq:cat_product", "faq:cat_install", "faq:cat_pricing")));
    int answers = 0;
    for (String section : List.of("product", "install", "pricing")) {
      chat.tap("faq:cat_" + section);
      List<String> questions = chat.offered();
      for (String question : questions) {
        chat.tap(question);
        assertInstanceOf(TextMessage.class, chat.last.messages().get(0));
        assertEquals(List.of("faq:back_" + section, "faq:back_menu", "nav:welcome"), chat.offered());
        answers++;
      }
      chat.tap("faq:back_" + section);
      assertEquals(questions, chat.offered());
    }
    assertEquals(11, answers);
    chat.tap("faq:back_menu");
    assertTrue(chat.offered().contains("faq:cat_product"));
  }

  @Test
  void engineIsPureSameInputSameOutcome() {
    Chat one = new Chat("ru");
    Outcome a = one.engine.step(one.state, new FunnelInput.Reply(ReplyId.of("sales:start_quiz")), Chat.BOT,
        java.time.Instant.EPOCH);
    Outcome b = one.engine.step(one.state, new FunnelInput.Reply(ReplyId.of("sales:start_quiz")), Chat.BOT,
        java.time.Instant.EPOCH);
    assertEquals(a, b);
  }

  private static Chat toStep3() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_1), chat.state.funnelState());
    Outcome outcome = chat.text("Интернет-магазин, отвечать о доставке");
    assertFalse(outcome.needsAi());
    assertEquals(Optional.of("Интернет-магазин, отвечать о доставке"), chat.state.discovery().orElseThrow().task());
    chat.tap("sales:cv_vol_high");
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_3), chat.state.funnelState());
    return chat;
  }
}
