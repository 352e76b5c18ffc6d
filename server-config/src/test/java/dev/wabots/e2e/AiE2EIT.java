package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import dev.wabots.testing.FakeModelServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Free text goes to the bot's AI through the orchestrator: a local OpenAI-compatible server
 * answers (history included), a voice note follows when TTS is on, the rate limit holds with one
 * notice, /reset forgets, and a dead backend gives the friendly fallback — never silence.
 */
class AiE2EIT {

  static FakeModelServers models;
  static Launched run;
  static Api admin;
  static long phones = 79_170_000_000L + (System.nanoTime() % 1_000_000);

  @BeforeAll
  static void start() {
    models = FakeModelServers.start();
    run = Launched.start("ai", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
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

  static String bot(Object... settings) throws InterruptedException {
    Object[] all = new Object[settings.length + 4];
    all[0] = "name";
    all[1] = "AI bot " + UUID.randomUUID().toString().substring(0, 6);
    all[2] = "webhook_port";
    try {
      all[3] = Launched.freePort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(settings, 0, all, 4, settings.length);
    Reply r = admin.post("/admin/whatsapp/instances", json(all));
    assertEquals(201, r.status(), r.toString());
    String id = r.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + id + "/start", null).status());
    Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(180));
    return id;
  }

  static boolean isText(JsonNode p) {
    return p.path("type").asText().equals("text");
  }

  @Test
  void questionsGetTheModelsAnswerAndAVoiceNoteWithinTheRateLimitWithOneNotice() throws Exception {
    String id = bot("llm_backend", "vllm", "rate_limit_count", 2, "rate_limit_hours", 1, "tts_enabled", true,
        "tts_engine", "espeak", "tts_voice", "anna");
    SandboxChat chat = new SandboxChat(admin, id, Long.toString(++phones));

    chat.say("Сколько стоит установка на мой сервер?");
    JsonNode answer = chat.await(p -> SandboxChat.text(p).startsWith("openai says:"), Duration.ofSeconds(60));
    assertTrue(SandboxChat.text(answer).contains("Сколько стоит установка"), answer.toString());
    JsonNode voice = chat.await(p -> p.path("type").asText().equals("audio"), Duration.ofSeconds(60));
    assertTrue(voice.path("audio").path("voice").asBoolean(), voice.toString());
    String mediaId = voice.path("audio").path("id").asText();
    Reply media = admin.get("/admin/sandbox/" + id + "/media/" + mediaId);
    assertEquals(200, media.status());
    assertEquals("audio/ogg", media.headers().get("content-type").get(0));
    JsonNode system = models.last("openai").body().get("messages").get(0);
    assertEquals("system", system.get("role").asText(), "the orchestrator adds the persona");

    chat.say("А поддержка входит?");
    chat.await(p -> SandboxChat.text(p).contains("А поддержка входит"), Duration.ofSeconds(60));
    JsonNode sent = models.last("openai").body().get("messages");
    assertTrue(sent.toString().contains("Сколько стоит установка"), "the history goes along: " + sent);

    chat.say("И ещё вопрос: сколько GPU нужно?");
    JsonNode notice = chat.await(AiE2EIT::isText, Duration.ofSeconds(60));
    assertFalse(SandboxChat.text(notice).startsWith("openai says:"), "over the limit of 2: " + notice);
    chat.awaitOffer("sales:start_quiz");
    int answersBefore = models.seen("openai").size();
    chat.say("Ну пожалуйста, ответьте");
    JsonNode menuOnly = chat.await(p -> !SandboxChat.offers(p).isEmpty(), Duration.ofSeconds(60));
    assertTrue(SandboxChat.offers(menuOnly).contains("sales:start_quiz"));
    Thread.sleep(1500);
    long notices = chat.replies().stream()
        .filter(m -> isText(m.get("payload")) && SandboxChat.text(m.get("payload")).equals(SandboxChat.text(notice)))
        .count();
    assertEquals(1, notices, "the rate-limit notice appears once");
    assertEquals(answersBefore, models.seen("openai").size(), "no model call over the limit");

    chat.say("/reset");
    chat.awaitOffer("sales:start_quiz");
    assertEquals(answersBefore, models.seen("openai").size(), "/reset is not a question for the model");

    JsonNode usage = admin.get("/admin/llm/usage?days=1&instance=" + id).json().get("usage");
    assertTrue(usage.size() >= 1 && usage.get(0).get("calls").asLong() >= 2, usage.toString());
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  @Test
  void aDeadBackendGivesTheFriendlyFallbackWithTheMenu() throws Exception {
    Reply provider = admin.post("/admin/llm/providers", json("name", "Dead " + UUID.randomUUID().toString().substring(0, 6),
        "type", "openai-compatible", "base_url", "http://127.0.0.1:" + Launched.freePort(), "model", "nothing",
        "api_key", "sk-none"));
    assertEquals(201, provider.status(), provider.toString());
    String backend = provider.json().get("provider").get("backend").asText();
    String id = bot("llm_backend", backend);
    SandboxChat chat = new SandboxChat(admin, id, Long.toString(++phones));
    chat.say("Расскажите про интеграцию с 1С");
    JsonNode friendly = chat.await(AiE2EIT::isText, Duration.ofSeconds(90));
    assertFalse(SandboxChat.text(friendly).isBlank());
    chat.awaitOffer("sales:start_quiz");
    List<String> errors = chat.all().stream().filter(m -> !m.get("valid").asBoolean()).map(JsonNode::toString).toList();
    assertEquals(List.of(), errors, "every request the bot sent was valid");
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }
}
