package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import dev.wabots.testing.FakeModelServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requirements (ТЗ) generator in the sandbox: a customer answers the six questions, the bot's
 * AI (a local OpenAI-compatible fake) drafts the document, the customer gets it as a PDF document
 * message (its text read back here), the summary with the estimate and the result screen, and the
 * lead holds the document; with the AI down the customer is told a person will send it and the
 * conversation waits for a person.
 */
class RequirementsE2EIT {

  static final String DOCUMENT = "# Техническое задание: онлайн-запись для салона\n"
      + "*1. Описание проекта*\nВеб-кабинет записи клиентов с напоминаниями в WhatsApp.\n"
      + "*2. План*\nСпринт 1 (неделя 1) — запись и расписание мастеров\nСпринт 2 (неделя 2) — напоминания и отчёты\n"
      + "Спринт 3 (неделя 3) — интеграция с 1С\n*3. Оценка*\nБаза 150 000 ₽, резерв 20 % — 30 000 ₽\n"
      + "Итого: 3 спринта, 3 недели, 180 000 ₽";
  static final String DESCRIPTION = "Кабинет онлайн-записи для сети салонов красоты";

  static FakeModelServers models;
  static Launched run;
  static Api admin;
  static long phones = 79_260_000_000L + (System.nanoTime() % 1_000_000);

  @BeforeAll
  static void start() {
    models = FakeModelServers.start();
    models.answer(DESCRIPTION, DOCUMENT);
    run = Launched.start("requirements", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
        "WABOTS_LLM_VLLM_BASE_URL", models.openAi().toString()));
    admin = run.api().login("admin", "e2e-admin-password");
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
    if (models != null) {
      models.close();
    }
  }

  static String bot(String backend) throws Exception {
    Reply r = admin.post("/admin/whatsapp/instances", json("name", "TZ bot " + UUID.randomUUID().toString().substring(0, 6),
        "webhook_port", Launched.freePort(), "llm_backend", backend));
    assertEquals(201, r.status(), r.toString());
    String id = r.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + id + "/start", null).status());
    Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(180));
    awaitClassDataArchive();
    return id;
  }

  /**
   * The first bot of a test run (all end-to-end tests share the archive) records the class-data archive after it is ready and stops answering
   * for a moment when the recording ends (the sandbox then reports it unreachable): the chat starts
   * after that.
   */
  static void awaitClassDataArchive() throws Exception {
    Path cds = run.botCache.resolve("cds");
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(cds)) {
        try (var files = Files.list(cds)) {
          if (files.anyMatch(f -> f.toString().endsWith(".aot") || f.toString().endsWith(".jsa"))) {
            return;
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no class-data archive in " + cds);
  }

  static void ok(Reply inbound) {
    assertEquals(200, inbound.status(), "the sandbox delivered it: " + inbound);
  }

  /** Home → FAQ menu (its "make the requirements" row) → the six questions. */
  static void answerTheQuestionnaire(SandboxChat chat) throws InterruptedException {
    ok(chat.say("привет"));
    chat.awaitOffer("sales:faq");
    ok(chat.tap("sales:faq"));
    chat.awaitOffer("tz:start");
    ok(chat.tap("tz:start"));
    chat.awaitOffer("tz:type_web");
    ok(chat.tap("tz:type_web"));
    chat.awaitText("Шаг 2/6");
    ok(chat.say(DESCRIPTION));
    chat.awaitOffer("tz:goal_sales");
    ok(chat.tap("tz:goal_sales"));
    chat.awaitText("Шаг 4/6");
    ok(chat.say("Запись к мастеру, перенос, напоминания за сутки, отчёт по загрузке"));
    chat.awaitOffer("tz:time_month");
    ok(chat.tap("tz:time_month"));
    chat.awaitOffer("tz:budget_100");
    ok(chat.tap("tz:budget_100"));
    chat.awaitText("Готовлю ТЗ");
  }

  static JsonNode awaitLead(String bot, String phone, Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode item : admin.get("/admin/leads?bot=" + bot + "&size=200").json().get("items")) {
        if (item.get("phone").asText().equals(phone)) {
          last = item;
          if (condition.test(item)) {
            return item;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the lead of " + phone + " never matched; last: " + last);
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void theCustomerGetsTheRequirementsAsAPdfWithTheEstimateAndTheLeadHoldsIt() throws Exception {
    String id = bot("vllm");
    String customer = Long.toString(++phones);
    SandboxChat chat = new SandboxChat(admin, id, customer);
    answerTheQuestionnaire(chat);

    JsonNode document = chat.await(p -> p.path("type").asText().equals("document"), Duration.ofSeconds(90));
    assertEquals("Техническое_задание.pdf", document.path("document").path("filename").asText(), document.toString());
    byte[] pdf = admin.bytes("/admin/sandbox/" + id + "/media/" + document.path("document").path("id").asText());
    String text = pdfText(pdf);
    for (String expected : List.of("Техническое задание", "Описание: " + DESCRIPTION, "Бюджет: 100–200 тыс. ₽",
        "Веб-кабинет записи клиентов с напоминаниями в WhatsApp.", "Спринт 3 (неделя 3) — интеграция с 1С",
        "Итого: 3 спринта, 3 недели, 180 000 ₽")) {
      assertTrue(text.contains(expected), "'" + expected + "' in the PDF:\n" + text);
    }
    JsonNode summary = chat.awaitText("Итого: 3 спринта, 3 недели, 180 000 ₽");
    assertEquals("text", summary.path("type").asText());
    chat.awaitOffer("tz:pay_sprint");

    String prompt = models.last("openai").body().toString();
    assertTrue(prompt.contains("системный аналитик") && prompt.contains(DESCRIPTION), "instructions and answers: " + prompt);
    assertEquals("system", models.last("openai").body().get("messages").get(0).get("role").asText(),
        "the bot's persona, added by the orchestrator");

    JsonNode lead = awaitLead(id, customer, l -> l.path("requirements_document").path("outcome").asText().equals("drafted"));
    JsonNode kept = lead.get("requirements_document");
    assertEquals(DOCUMENT, kept.get("document").asText());
    assertTrue(kept.get("summary").asText().contains("180 000 ₽"), kept.toString());
    assertEquals(DESCRIPTION, kept.get("answers").get("description").asText());
    assertEquals("web", lead.get("requirements").get("type").asText(), lead.toString());
    List<String> invalid = chat.all().stream().filter(m -> !m.get("valid").asBoolean()).map(JsonNode::toString).toList();
    assertEquals(List.of(), invalid, "every request the bot sent was valid, the document message too");
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  @Test
  void withTheAiDownTheAnswersAreKeptTheCustomerIsToldAPersonWillSendItAndTheConversationWaitsForOne()
      throws Exception {
    Reply provider = admin.post("/admin/llm/providers", json("name", "Dead " + UUID.randomUUID().toString().substring(0, 6),
        "type", "openai-compatible", "base_url", "http://127.0.0.1:" + Launched.freePort(), "model", "nothing",
        "api_key", "sk-none"));
    assertEquals(201, provider.status(), provider.toString());
    String id = bot(provider.json().get("provider").get("backend").asText());
    String customer = Long.toString(++phones);
    SandboxChat chat = new SandboxChat(admin, id, customer);
    answerTheQuestionnaire(chat);

    chat.awaitText("менеджер подготовит документ");
    assertFalse(chat.replies().stream().anyMatch(m -> m.get("payload").path("type").asText().equals("document")));
    JsonNode lead = awaitLead(id, customer, l -> l.path("requirements_document").path("outcome").asText().equals("failed"));
    assertEquals(DESCRIPTION, lead.get("requirements_document").get("answers").get("description").asText());
    assertEquals("100", lead.get("requirements").get("budget").asText(), "the answers are kept");
    JsonNode conversation = ConversationsE2EIT.awaitConversation(admin, id, customer,
        c -> c.get("state").asText().equals("needs_person"));
    assertEquals("tz_failed", conversation.get("reason").asText());
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }
}
