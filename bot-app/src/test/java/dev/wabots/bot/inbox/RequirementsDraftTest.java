package dev.wabots.bot.inbox;

import static dev.wabots.bot.inbox.BotCore.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.bot.requirements.Drafting;
import dev.wabots.contract.BotEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requirements questionnaire's end in the bot: the AI drafts the document in the customer's
 * lane (not on the webhook's thread), the customer gets the PDF, the summary with the estimate and
 * the result screen; the outcome is kept and published for the lead — also when the AI is down
 * (answers kept, a person asked for) or declines the project as too small.
 */
class RequirementsDraftTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CUSTOMER = "79000000042";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENT = "# Техническое задание\n*1. Описание проекта*\nБот записи клиентов в салон.\n"
      + "*2. План*\nСпринт 1 (неделя 1) — запись и напоминания\n\nИтого: 2 спринта, 2 недели, 120 000 ₽";

  @TempDir Path dir;

  private static List<JsonNode> sent(BotCore bot) {
    return bot.graph.to(CUSTOMER).stream().map(s -> {
      try {
        return JSON.readTree(s.request());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  private static List<String> offers(JsonNode request) {
    List<String> ids = new java.util.ArrayList<>();
    request.path("interactive").path("action").path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
    return ids;
  }

  private static <T> List<T> events(BotCore bot, Class<T> type) {
    return bot.outbox.next(1000).stream().map(BotEvent::body).filter(type::isInstance).map(type::cast).toList();
  }

  /** Answers the six questions; the last tap is delivered without waiting for its answer. */
  private static void answerTheQuestionnaire(BotCore bot) throws InterruptedException {
    String[] steps = {"tz:start", "tz:type_telegram", "Бот записи в салон красоты с напоминаниями", "tz:goal_sales",
        "Запись, перенос, напоминания за сутки, отчёт по загрузке мастеров", "tz:time_month"};
    for (String step : steps) {
      long before = bot.inbox.counts().getOrDefault("done", 0L);
      bot.deliver(step.startsWith("tz:") ? bot.tap(CUSTOMER, step) : bot.text(CUSTOMER, step));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == before + 1, WAIT, "answered " + step);
    }
    bot.deliver(bot.tap(CUSTOMER, "tz:budget_100"));
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void theCustomerGetsThePdfTheSummaryWithTheEstimateAndTheResultScreenDraftedOffTheWebhookThread() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.document = DOCUMENT;
      bot.assistant.gate = new CountDownLatch(1);
      bot.start();
      answerTheQuestionnaire(bot);
      // The intake returned while the AI is still drafting; the "preparing" screen already went.
      await(() -> bot.assistant.drafts.size() == 1, WAIT, "the AI asked for the document");
      await(() -> bot.graph.texts(CUSTOMER).stream().anyMatch(t -> t.contains("Готовлю ТЗ")), WAIT, "drafting notice");
      assertTrue(bot.graph.uploads.isEmpty(), "nothing uploaded before the AI answered");
      long during = bot.inbox.counts().getOrDefault("done", 0L);
      bot.assistant.gate.countDown();
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == during + 1, WAIT, "the last step answered");

      String prompt = bot.assistant.drafts.get(0);
      assertTrue(prompt.contains("системный аналитик") && prompt.contains("Тип проекта: Telegram-бот")
          && prompt.contains("Бот записи в салон красоты") && prompt.contains("Бюджет: 100–200 тыс. ₽"), prompt);
      assertEquals(List.of(), bot.assistant.questions, "the document is not a question under the rate limit");

      List<JsonNode> out = sent(bot);
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).path("type").asText().equals("document")) {
          at = i;
        }
      }
      assertTrue(at > 0, "a document message: " + out);
      JsonNode document = out.get(at).path("document");
      assertEquals("media.1", document.path("id").asText());
      assertEquals("Техническое_задание.pdf", document.path("filename").asText());
      JsonNode summary = out.get(at + 1);
      assertTrue(summary.path("text").path("body").asText().contains("Итого: 2 спринта, 2 недели, 120 000 ₽"), summary.toString());
      assertTrue(offers(out.get(at + 2)).contains("tz:pay_sprint"), "the result screen: " + out.get(at + 2));

      BotCore.FakeGraph.Upload upload = bot.graph.uploads.get(0);
      assertEquals("application/pdf", upload.mimeType());
      String pdf = pdfText(upload.data());
      assertTrue(pdf.contains("Техническое задание") && pdf.contains("Описание: Бот записи в салон красоты")
          && pdf.contains("Бот записи клиентов в салон.") && pdf.contains("Итого: 2 спринта"), pdf);

      List<Drafting.Kept> kept = bot.drafting.of(CUSTOMER);
      assertEquals(1, kept.size());
      assertEquals("drafted", kept.get(0).outcome());
      assertEquals("telegram", kept.get(0).answers().get("type"));
      assertEquals(DOCUMENT, kept.get(0).document());
      List<BotEvent.RequirementsDraft> drafts = events(bot, BotEvent.RequirementsDraft.class);
      assertEquals(1, drafts.size());
      assertEquals("drafted", drafts.get(0).outcome());
      assertEquals("Telegram-бот", drafts.get(0).answers().get("type"));
      assertEquals(DOCUMENT, drafts.get(0).document());
      assertTrue(drafts.get(0).summary().contains("120 000 ₽"));
      assertTrue(events(bot, BotEvent.MessageOut.class).stream().anyMatch(m -> m.type().equals("document")),
          "the document is in the conversation");
      assertTrue(events(bot, BotEvent.HandOff.class).isEmpty(), "no person needed");
    }
  }

  @Test
  void withTheAiDownTheAnswersAreKeptTheCustomerIsToldAPersonWillSendItAndAPersonIsAskedFor() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.down = true;
      bot.start();
      answerTheQuestionnaire(bot);
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 7, WAIT, "answered");

      List<JsonNode> out = sent(bot);
      JsonNode last = out.get(out.size() - 1);
      assertTrue(last.path("interactive").path("body").path("text").asText().contains("менеджер подготовит документ"),
          last.toString());
      assertTrue(offers(last).contains("sales:contact"));
      assertFalse(out.stream().anyMatch(m -> m.path("type").asText().equals("document")));
      assertTrue(bot.graph.uploads.isEmpty());

      Drafting.Kept kept = bot.drafting.of(CUSTOMER).get(0);
      assertEquals("failed", kept.outcome());
      assertEquals("Бот записи в салон красоты с напоминаниями", kept.answers().get("description"));
      assertEquals("100", kept.answers().get("budget"));
      BotEvent.RequirementsDraft draft = events(bot, BotEvent.RequirementsDraft.class).get(0);
      assertEquals("failed", draft.outcome());
      assertEquals("100–200 тыс. ₽", draft.answers().get("budget"));
      assertTrue(draft.reason().contains("502"), draft.reason());
      List<BotEvent.HandOff> handoffs = events(bot, BotEvent.HandOff.class);
      assertEquals(1, handoffs.size());
      assertEquals("needs_person", handoffs.get(0).state());
      assertEquals(Drafting.HANDOFF_REASON, handoffs.get(0).reason());
      assertEquals(1, events(bot, BotEvent.AiFailed.class).size());
    }
  }

  @Test
  void aProjectTheAiFindsTooSmallGetsItsAnswerAsTextAndTheAlternatives() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.document = "ПРОЕКТ СЛИШКОМ МАЛ: это работа на пару дней. Попробуйте открытую версию на GitHub.";
      bot.start();
      answerTheQuestionnaire(bot);
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 7, WAIT, "answered");

      assertTrue(bot.graph.texts(CUSTOMER).stream().anyMatch(t -> t.startsWith("ПРОЕКТ СЛИШКОМ МАЛ")));
      List<JsonNode> out = sent(bot);
      assertTrue(offers(out.get(out.size() - 1)).contains("sales:basic_checkout"), out.get(out.size() - 1).toString());
      assertTrue(bot.graph.uploads.isEmpty(), "no document for a declined project");
      assertEquals("too_small", events(bot, BotEvent.RequirementsDraft.class).get(0).outcome());
      assertEquals("too_small", bot.drafting.of(CUSTOMER).get(0).outcome());
    }
  }
}
