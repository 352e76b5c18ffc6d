package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import dev.wabots.testing.FakeTranscriptionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customers' files through the sandbox: the sandbox stores what the test chat sends and serves it
 * through the Graph media endpoints (with faults); the bot downloads, checks and keeps it, voice
 * notes go to a protocol-faithful OpenAI transcription server on loopback, and every kind gets its
 * answer.
 */
class MediaE2EIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static FakeTranscriptionServer stt;
  static dev.wabots.testing.FakeModelServers models;
  static Launched run;
  static Api admin;
  static String bot;
  static long phones = 79_180_000_000L + (System.nanoTime() % 1_000_000);

  @BeforeAll
  static void start() throws Exception {
    stt = FakeTranscriptionServer.start();
    models = dev.wabots.testing.FakeModelServers.start();
    run = Launched.start("media", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
        "WABOTS_LLM_VLLM_BASE_URL", models.openAi().toString(), "WABOTS_LLM_VLLM_ACCEPTS_IMAGES", "true",
        "WABOTS_STT_OPENAI_BASE_URL", stt.url().toString(),
        "WABOTS_STT_OPENAI_API_KEY", FakeTranscriptionServer.KEY,
        "WABOTS_LLM_GEMINI_BASE_URL", models.gemini().toString(),
        "WABOTS_LLM_GEMINI_API_KEY", dev.wabots.testing.FakeModelServers.GEMINI_KEY));
    admin = run.api().login("admin", "e2e-admin-password");
    Reply r = admin.post("/admin/whatsapp/instances", json("name", "Media bot " + UUID.randomUUID().toString().substring(0, 6),
        "webhook_port", Launched.freePort(), "stt_enabled", true, "stt_max_seconds", 10, "media_handoff", true, "stt_echo", true));
    assertEquals(201, r.status(), r.toString());
    assertTrue(r.json().get("instance").get("stt_echo").asBoolean(), "the echo setting shown back: " + r);
    bot = r.json().get("instance").get("id").asText();
    Reply bad = admin.put("/admin/whatsapp/instances/" + bot, json("stt_echo", "yes"));
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.body().contains("stt_echo"), "the refusal names the field: " + bad.body());
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + bot + "/start", null).status());
    Bots.awaitStatus(admin, bot, Bots::running, Duration.ofSeconds(180));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      if (bot != null) {
        admin.post("/admin/whatsapp/instances/" + bot + "/stop", null);
      }
      run.close();
    }
    if (stt != null) {
      stt.close();
    }
    if (models != null) {
      models.close();
    }
  }

  static SandboxChat chat() {
    return new SandboxChat(admin, bot, Long.toString(++phones));
  }

  static Reply share(SandboxChat chat, String type, String mime, String filename, String caption, byte[] data) {
    ObjectNode body = JSON.createObjectNode().put("from", chat.phone).put("name", "Test User");
    ObjectNode media = body.putObject("media").put("type", type).put("mime_type", mime)
        .put("data_base64", Base64.getEncoder().encodeToString(data));
    if (filename != null) {
      media.put("filename", filename);
    }
    if (caption != null) {
      media.put("caption", caption);
    }
    Reply r = admin.post("/admin/sandbox/" + bot + "/inbound", body.toString());
    assertEquals(200, r.status(), r.toString());
    return r;
  }

  /** A real OGG/Opus voice note of {@code seconds} (a tone), made with ffmpeg. */
  static byte[] voiceNote(int seconds) throws Exception {
    Path out = Files.createTempFile("voice", ".ogg");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=" + seconds, "-ac", "1", "-c:a", "libopus", "-b:a", "16k", out.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg: " + log);
    byte[] data = Files.readAllBytes(out);
    Files.delete(out);
    return data;
  }

  @Test
  void aVoiceNoteIsTakenAsTypedTextAndFillsTheDiscoverysTaskDescription() throws Exception {
    SandboxChat chat = chat();
    stt.hear("Привет!");
    share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(2));
    chat.awaitText("Я услышал: Привет!"); // stt_echo: first what the bot heard,
    chat.awaitOffer("sales:start_quiz"); // then the answer to a greeting, spoken
    FakeTranscriptionServer.Seen request = stt.seen().get(stt.seen().size() - 1);
    assertNull(request.problem(), "a request the real service takes: " + request);
    assertEquals("ru", request.fields().get("language"), "the bot's language");
    assertTrue(request.fileName().endsWith(".ogg"), request.fileName());

    chat.tap("sales:start_quiz");
    chat.awaitOffer("sales:qt_business");
    chat.tap("sales:qt_business");
    chat.awaitOfferedAnywhere("sales:qi_gpu");
    chat.tap("sales:qi_gpu");
    chat.awaitOfferedAnywhere("sales:custom_start");
    chat.tap("sales:custom_start");
    chat.awaitText("Шаг 1 из 5");
    stt.hear("Отвечать клиентам о наличии и доставке");
    share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(3));
    JsonNode step2 = chat.await(p -> SandboxChat.text(p).contains("Шаг 2 из 5"), Duration.ofSeconds(60));
    assertTrue(SandboxChat.offers(step2).size() > 1, step2.toString());

    // The conversation thread carries the voice note with its transcript and a link to play it.
    String thread = "/admin/conversations/" + bot + "/" + chat.phone + "/messages";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode voice = null;
    while (voice == null && System.nanoTime() < deadline) {
      Reply r = admin.get(thread);
      if (r.status() == 200) {
        for (JsonNode m : r.json().get("messages")) {
          if ("Отвечать клиентам о наличии и доставке".equals(m.path("transcript").asText(null))) {
            voice = m;
          }
        }
      }
      if (voice == null) {
        Thread.sleep(200);
      }
    }
    assertTrue(voice != null, "the thread shows the transcript: " + admin.get(thread).body());
    assertEquals("audio", voice.get("media").get("type").asText(), voice.toString());
    Reply file = admin.get(voice.get("media").get("url").asText());
    assertEquals(200, file.status(), file.toString());
    assertTrue(new String(file.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 4,
        java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("OggS") || file.body().startsWith("OggS"),
        "the voice note itself");
  }

  @Test
  void aPhotoGoesToTheVisionModelWithItsCaption() throws Exception {
    SandboxChat chat = chat();
    Path out = Files.createTempFile("photo", ".jpg");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        "color=c=red:s=64x64", "-frames:v", "1", out.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
    byte[] jpeg = Files.readAllBytes(out);
    Files.delete(out);
    share(chat, "image", "image/jpeg", null, "Такой сервер подойдёт?", jpeg);
    JsonNode answer = chat.await(m -> SandboxChat.text(m).startsWith("openai says:"), Duration.ofSeconds(90));
    assertTrue(SandboxChat.text(answer).contains("Такой сервер подойдёт?"), answer.toString());
    JsonNode last = models.last("openai").body().get("messages");
    JsonNode parts = last.get(last.size() - 1).get("content");
    assertEquals("Такой сервер подойдёт?", parts.get(0).get("text").asText(), parts.toString());
    String url = parts.get(1).get("image_url").get("url").asText();
    assertTrue(url.startsWith("data:image/jpeg;base64,"), url.substring(0, Math.min(60, url.length())));
    assertTrue(java.util.Arrays.equals(jpeg, Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))),
        "the customer's photo, as sent");
    assertEquals(List.of(), models.violations());
  }

  @Test
  void aVoiceNoteTooLongOrWithTheEngineDownGetsThePoliteAnswer() throws Exception {
    SandboxChat chat = chat();
    int before = stt.seen().size();
    share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(12));
    chat.awaitText("голосовое");
    assertEquals(before, stt.seen().size(), "longer than stt_max_seconds: not sent to the engine");
    stt.down(true);
    try {
      share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(2));
      chat.awaitText("голосовое");
    } finally {
      stt.down(false);
    }
    assertTrue(chat.replies().stream().noneMatch(m -> SandboxChat.text(m.get("payload")).contains("Я услышал")),
        "nothing heard, nothing echoed");
  }

  @Test
  void aDocumentIsKeptAndAcknowledgedEvenAfterADownloadFault() throws Exception {
    SandboxChat chat = chat();
    Reply fault = admin.post("/admin/sandbox/" + bot + "/faults", json("code", 131016, "count", 1, "on", "media"));
    assertEquals(200, fault.status(), fault.toString());
    share(chat, "document", "application/pdf", "Бриф.pdf", "наш бриф", "%PDF-1.7\n a brief\n".getBytes());
    JsonNode ack = chat.await(p -> SandboxChat.text(p).contains("«Бриф.pdf»"), Duration.ofSeconds(60));
    assertTrue(SandboxChat.text(ack).contains("получили"), ack.toString());
  }

  @Test
  void aTwentyMegabyteDocumentIsRefusedPolitelyAndTheChatGoesOn() throws Exception {
    SandboxChat chat = chat();
    byte[] big = new byte[20 * 1024 * 1024];
    System.arraycopy("%PDF-1.7".getBytes(), 0, big, 0, 8);
    share(chat, "document", "application/pdf", "big.pdf", null, big);
    chat.awaitText("больше 16 МБ");
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
  }

  @Test
  void aLocationIsAcknowledgedAndStatusSaysWhichSpeechEnginesWork() throws Exception {
    SandboxChat chat = chat();
    Reply r = admin.post("/admin/sandbox/" + bot + "/inbound", JSON.createObjectNode().put("from", chat.phone)
        .set("location", JSON.createObjectNode().put("latitude", 55.7558).put("longitude", 37.6173)
            .put("name", "Офис").put("address", "Тверская, 1")).toString());
    assertEquals(200, r.status(), r.toString());
    chat.awaitText("Офис, Тверская, 1");
    Reply bad = admin.post("/admin/sandbox/" + bot + "/inbound", JSON.createObjectNode().put("from", chat.phone)
        .set("location", JSON.createObjectNode().put("latitude", 95).put("longitude", 37)).toString());
    assertEquals(400, bad.status(), bad.toString());

    JsonNode status = admin.get("/admin/stt/status").json();
    JsonNode openAi = status.get("engines").get(0);
    assertEquals("openai-compatible", openAi.get("engine").asText());
    assertTrue(openAi.get("available").asBoolean(), status.toString());
    List<String> errors = chat.all().stream().filter(m -> !m.get("valid").asBoolean()).map(JsonNode::toString).toList();
    assertEquals(List.of(), errors, "every message of both directions valid against Meta's schema");
  }

  /** What a browser's MediaRecorder makes: WebM/Opus of {@code seconds} (a tone), made with ffmpeg. */
  static byte[] browserRecording(int seconds) throws Exception {
    Path out = Files.createTempFile("recording", ".webm");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        "sine=frequency=330:duration=" + seconds, "-ac", "1", "-c:a", "libopus", "-b:a", "24k", "-f", "webm",
        out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg: " + log);
    byte[] data = Files.readAllBytes(out);
    Files.delete(out);
    return data;
  }

  @Test
  void aBrowsersWebmRecordingReachesTheBotAsAnOggOpusVoiceNote() throws Exception {
    SandboxChat chat = chat();
    stt.hear("Запись из браузера");
    byte[] webm = browserRecording(2);
    assertEquals(0x1A, webm[0] & 0xFF, "a WebM (EBML) file");
    share(chat, "voice", "audio/webm;codecs=opus", null, null, webm);
    chat.awaitText("Я услышал: Запись из браузера");
    FakeTranscriptionServer.Seen request = stt.seen().get(stt.seen().size() - 1);
    assertTrue(request.fileName().endsWith(".ogg"), "the bot got OGG/Opus: " + request.fileName());
    JsonNode webhook = chat.all().stream().filter(m -> m.get("direction").asText().equals("in")).findFirst().orElseThrow();
    JsonNode audio = JSON.readTree(webhook.get("payload").isTextual() ? webhook.get("payload").asText()
        : webhook.get("payload").toString()).findPath("audio");
    assertEquals("audio/ogg; codecs=opus", audio.get("mime_type").asText(), webhook.toString());
    assertTrue(audio.get("voice").asBoolean());
    // The sandbox conversation carries what the bot heard with the voice note.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String heard = null;
    while (heard == null && System.nanoTime() < deadline) {
      heard = chat.all().stream().filter(m -> m.get("direction").asText().equals("in") && m.has("transcript"))
          .map(m -> m.get("transcript").asText()).findFirst().orElse(null);
      if (heard == null) {
        Thread.sleep(200);
      }
    }
    assertEquals("Запись из браузера", heard);
    // What is not a recording is refused, naming the field.
    ObjectNode body = JSON.createObjectNode().put("from", chat.phone);
    body.putObject("media").put("type", "voice").put("mime_type", "audio/webm")
        .put("data_base64", Base64.getEncoder().encodeToString("not a recording".getBytes()));
    Reply bad = admin.post("/admin/sandbox/" + bot + "/inbound", body.toString());
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.body().contains("media.data_base64"), bad.body());
  }

  @Test
  void aCustomersFileIsServedOnlyToWhoMaySeeTheBot() throws Exception {
    SandboxChat chat = chat();
    share(chat, "document", "application/pdf", "Смета.pdf", null, "%PDF-1.7\n an estimate\n".getBytes());
    chat.await(p -> SandboxChat.text(p).contains("«Смета.pdf»"), Duration.ofSeconds(60));
    String thread = "/admin/conversations/" + bot + "/" + chat.phone + "/messages";
    String url = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (url == null && System.nanoTime() < deadline) {
      for (JsonNode m : admin.get(thread).json().path("messages")) {
        if (m.path("media").path("url").isTextual() && "document".equals(m.path("media").path("type").asText())) {
          url = m.get("media").get("url").asText();
          assertEquals("Смета.pdf", m.get("media").get("filename").asText());
          assertTrue(m.path("wamid").asText().startsWith("wamid."), m.toString());
        }
      }
      if (url == null) {
        Thread.sleep(200);
      }
    }
    assertTrue(url != null, "the thread offers the document: " + admin.get(thread).body());
    Reply file = admin.get(url);
    assertEquals(200, file.status(), file.toString());
    assertTrue(file.body().startsWith("%PDF"), "the document itself");
    String name = "media-user-" + UUID.randomUUID().toString().substring(0, 6);
    assertEquals(201, admin.post("/admin/users", json("username", name, "password", "Media-user-Pass-9x",
        "role", "user")).status());
    Api user = run.api().login(name, "Media-user-Pass-9x");
    assertEquals(404, user.get(url).status(), "another person's bot: its customers' files do not exist");
    assertEquals(404, admin.get(url.replace("/media/wamid.", "/media/wamid.x")).status(), "no such message");
  }

  @Test
  void geminiAudioInputAndAStoredProviderTranscribeToo() throws Exception {
    try {
      // Gemini's audio input, with the fleet's Gemini address, key and model.
      Reply toGemini = admin.put("/admin/whatsapp/instances/" + bot, json("stt_engine", "gemini"));
      assertEquals(200, toGemini.status(), toGemini.toString());
      JsonNode gemini = admin.get("/admin/stt/status").json().get("engines").get(1);
      assertEquals("gemini", gemini.get("engine").asText());
      assertTrue(gemini.get("available").asBoolean(), gemini.toString());
      SandboxChat chat = chat();
      models.geminiHears("Услышано через Gemini");
      share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(2));
      chat.awaitText("Я услышал: Услышано через Gemini");
      JsonNode parts = models.last("gemini").body().get("contents").get(0).get("parts");
      assertTrue(parts.get(0).get("text").asText().contains("Russian"), parts.get(0).toString());
      assertEquals("audio/ogg", parts.get(1).get("inline_data").get("mime_type").asText(), "WhatsApp's OGG, as it came");

      // A stored OpenAI-compatible provider: its address, key and model.
      Reply provider = admin.post("/admin/llm/providers", json("name", "Whisper " + UUID.randomUUID().toString().substring(0, 6),
          "type", "openai-compatible", "base_url", stt.url().toString(), "model", "whisper-large-v3",
          "api_key", FakeTranscriptionServer.KEY));
      assertEquals(201, provider.status(), provider.toString());
      String id = provider.json().get("provider").get("id").asText();
      assertEquals(200, admin.put("/admin/whatsapp/instances/" + bot, json("stt_engine", "cloud:" + id)).status());
      stt.hear("Через сохранённого провайдера");
      share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(2));
      chat.awaitText("Я услышал: Через сохранённого провайдера");
      FakeTranscriptionServer.Seen request = stt.seen().get(stt.seen().size() - 1);
      assertNull(request.problem(), request.toString());
      assertEquals("whisper-large-v3", request.fields().get("model"), "the provider's model");
      JsonNode asEngine = sttEngine("cloud:" + id);
      assertTrue(asEngine.get("available").asBoolean(), asEngine.toString());
      assertTrue(asEngine.get("detail").asText().contains("whisper-large-v3"), asEngine.toString());
      // Switched off, the status says so (and why) instead of "available".
      assertEquals(200, admin.put("/admin/llm/providers/" + id, json("enabled", false)).status());
      JsonNode off = sttEngine("cloud:" + id);
      assertFalse(off.get("available").asBoolean(), off.toString());
      assertTrue(off.get("reason").asText().contains("no enabled stored provider"), off.toString());
      assertEquals(200, admin.put("/admin/llm/providers/" + id, json("enabled", true)).status());

      // A provider that takes no audio gets the polite answer.
      Reply claude = admin.post("/admin/llm/providers", json("name", "Claude " + UUID.randomUUID().toString().substring(0, 6),
          "type", "anthropic", "model", "claude-sonnet-4", "api_key", "sk-ant-x"));
      assertEquals(201, claude.status(), claude.toString());
      assertEquals(200, admin.put("/admin/whatsapp/instances/" + bot,
          json("stt_engine", "cloud:" + claude.json().get("provider").get("id").asText())).status());
      assertNull(sttEngine("cloud:" + claude.json().get("provider").get("id").asText()), "takes no audio: no engine");
      share(chat, "voice", "audio/ogg; codecs=opus", null, null, voiceNote(2));
      chat.awaitText("голосовое");
      assertEquals(List.of(), models.violations());
    } finally {
      admin.put("/admin/whatsapp/instances/" + bot, json("stt_engine", "openai-compatible"));
    }
  }

  /** The row of {@code GET /admin/stt/status} for that engine, or null. */
  JsonNode sttEngine(String engine) throws Exception {
    for (JsonNode e : admin.get("/admin/stt/status").json().get("engines")) {
      if (engine.equals(e.get("engine").asText())) {
        return e;
      }
    }
    return null;
  }
}
