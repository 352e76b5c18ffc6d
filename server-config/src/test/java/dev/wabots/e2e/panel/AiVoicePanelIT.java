package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * AI, voice and the small things of the panel in a real browser, on a fresh machine (no model
 * server anywhere): the AI tab lists a provider made through the API, saves a fallback, and its
 * test names the classified error; the providers page adds, edits, tests and deletes; TTS
 * "Listen" plays an OGG sample made by espeak-ng and ffmpeg; an admin assigns a bot's owner and
 * removes a secret; the login page keeps the language after logout, and a failed panel login is
 * audited. Ordered only because the last test switches the admin to English.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AiVoicePanelIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;
  static String bot;
  static String provider;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() {
    int nothingListens = freePort();
    run = Launched.start("panel-ai", Map.of(
        "WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "WABOTS_AUTH_LOGIN_LIMIT_PER_MINUTE", "100",
        // The fresh-machine case, made certain: no vLLM server where the orchestrator looks for one.
        "WABOTS_LLM_VLLM_BASE_URL", "http://127.0.0.1:" + nothingListens));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    Reply p = admin.post("/admin/llm/providers", json("name", "DeepSeek Test", "type", "openai-compatible",
        "base_url", "http://127.0.0.1:" + nothingListens, "model", "deepseek-chat", "api_key", "sk-test-key-0123456789abcd"));
    assertEquals(201, p.status(), p.toString());
    provider = p.json().get("provider").get("id").asText();
    Reply b = admin.post("/admin/whatsapp/instances", json("name", "Voice Bot"));
    assertEquals(201, b.status(), b.toString());
    bot = b.json().get("instance").get("id").asText();
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  @BeforeEach
  void signedInAsAdmin() {
    fleet.openAs(bot, "admin", ADMIN_PASSWORD);
  }

  static int freePort() {
    try {
      return Launched.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode instance() {
    return admin.get("/admin/whatsapp/instances/" + bot).json().get("instance");
  }

  /** The values of a PrimeFaces select menu's options. */
  static List<String> options(String clientId) {
    return browser.all(By.cssSelector("select[id='" + clientId + "_input'] option")).stream()
        .map(o -> o.getAttribute("value")).toList();
  }

  @Test
  @Order(1)
  void theAiTabListsStoredProvidersAndItsTestNamesTheError() {
    fleet.openTab("aiTab");
    assertEquals(List.of("vllm", "gemini", "cloud:" + provider), options("tabs:aiForm:llmBackend"));
    assertTrue(options("tabs:aiForm:llmFallback").contains(provider));
    assertTrue(browser.text(By.cssSelector("[id='tabs:aiForm:llmBackend'] .ui-selectonemenu-label")).contains("vLLM"));
    fleet.choose("tabs:aiForm:llmFallback", provider);
    browser.click(By.xpath("//*[@id='tabs:aiForm:language']//*[contains(@class,'ui-button')][.//text()[contains(.,'Английский')]]"));
    browser.click(By.id("tabs:aiForm:save"));
    browser.growl("Сохранено");
    assertEquals(provider, instance().get("llm_fallback").asText());
    assertEquals("en", instance().get("language").asText());

    // Nothing listens for vLLM nor for the provider: both links of the chain fail, classified.
    browser.click(By.id("tabs:aiForm:test"));
    WebElement failed = browser.find(By.id("testFailed"));
    browser.growl("Нет ответа");
    List<String> kinds = failed.findElements(By.cssSelector("li[data-error]")).stream()
        .map(li -> li.getAttribute("data-error")).toList();
    assertEquals(List.of("unreachable", "unreachable"), kinds, failed.getText());
    assertTrue(failed.getText().contains("сервер модели не отвечает"), failed.getText());
    assertTrue(failed.getText().contains("vllm") && failed.getText().contains("cloud:" + provider), failed.getText());
    browser.screenshot("ai-test");
    JsonNode audit = admin.get("/admin/audit?limit=20").json();
    assertTrue(audit.toString().contains("instance.ai_test"), audit.toString());
  }

  @Test
  @Order(2)
  void theProvidersPageAddsEditsTestsAndDeletes() {
    browser.click(By.id("providersLink"));
    browser.waitUntil(d -> browser.path().equals("/panel/providers"));
    String row = "tr.provider-" + provider;
    assertTrue(browser.text(By.cssSelector(row)).contains("DeepSeek Test"));
    assertTrue(browser.text(By.cssSelector(row)).contains("••••abcd"), "the key only as its mask");
    assertFalse(browser.driver.getPageSource().contains("sk-test-key"));

    browser.click(By.cssSelector(row + " button[id$=':test']"));
    browser.growl("DeepSeek Test");
    browser.waitUntil(d -> !browser.all(By.cssSelector(row + " .test-result.failed[data-error='unreachable']")).isEmpty());
    browser.screenshot("ai-providers");

    // Add: a refusal under its field first, then a working one.
    browser.click(By.id("providersForm:add"));
    browser.waitUntil(d -> browser.find(By.id("providerDialog")).isDisplayed());
    fleet.choose("providerForm:type", "anthropic");
    browser.click(By.id("providerForm:save"));
    browser.waitUntil(d -> !browser.all(By.cssSelector("#providerForm .ui-message-error")).isEmpty());
    assertTrue(browser.text(By.id("providerForm")).contains("Нужно название"), browser.text(By.id("providerForm")));
    browser.type(By.id("providerForm:name"), "Claude Panel");
    browser.type(By.id("providerForm:model"), "claude-sonnet-4");
    browser.type(By.id("providerForm:apiKey"), "sk-ant-panel-key-12345678");
    browser.click(By.cssSelector("[id='providerForm:acceptsImages'] .ui-toggleswitch-slider"));
    browser.screenshot("ai-provider-dialog");
    browser.click(By.id("providerForm:save"));
    browser.growl("Claude Panel");
    browser.waitUntil(d -> !browser.find(By.id("providerDialog")).isDisplayed());
    JsonNode claude = StreamSupport.stream(admin.get("/admin/llm/providers").json().get("providers").spliterator(), false)
        .filter(p -> p.get("name").asText().equals("Claude Panel")).findFirst().orElseThrow();
    assertEquals("anthropic", claude.get("type").asText());
    assertEquals("••••5678", claude.get("api_key").asText());
    assertTrue(claude.get("accepts_images").asBoolean(), "the vision switch saved: " + claude);
    String claudeRow = "tr.provider-" + claude.get("id").asText();
    assertTrue(browser.text(By.cssSelector(claudeRow)).contains("понимает изображения"), "shown in the list");

    // Edit: the key is write-only ("set ✓ · ••••5678") and can be removed on its own.
    browser.click(By.cssSelector(claudeRow + " button[id$=':edit']"));
    browser.waitUntil(d -> browser.find(By.id("providerDialog")).isDisplayed());
    assertTrue(browser.text(By.id("apiKeyState")).contains("••••5678"));
    assertEquals("", browser.attribute(By.id("providerForm:apiKey"), "value"));
    browser.click(By.id("providerForm:clearKey"));
    browser.growl("удалён");
    browser.waitUntil(d -> browser.text(By.id("apiKeyState")).contains("не задан"));
    assertFalse(admin.get("/admin/llm/providers/" + claude.get("id").asText()).json().get("provider").get("api_key_set")
        .asBoolean());
    // The vision switch is shown back on the form and can be turned off.
    assertEquals("true", browser.attribute(By.id("providerForm:acceptsImages_input"), "checked"));
    browser.click(By.cssSelector("[id='providerForm:acceptsImages'] .ui-toggleswitch-slider"));
    browser.click(By.id("providerForm:save"));
    browser.growl("Claude Panel");
    browser.waitUntil(d -> !admin.get("/admin/llm/providers/" + claude.get("id").asText()).json().get("provider")
        .get("accepts_images").asBoolean());

    // The bot uses the first as its fallback: it cannot go; the new one can.
    browser.click(By.cssSelector(row + " button[id$=':delete']"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("используют боты");
    assertEquals(200, admin.get("/admin/llm/providers/" + provider).status());
    browser.click(By.cssSelector(claudeRow + " button[id$=':delete']"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("удалён");
    browser.waitUntil(d -> browser.all(By.cssSelector(claudeRow)).isEmpty());
  }

  @Test
  @Order(3)
  void listeningPlaysASampleOfTheUnsavedVoice() throws Exception {
    fleet.openTab("ttsTab");
    assertEquals("true", browser.attribute(By.cssSelector(".engine[data-engine='espeak']"), "data-available"),
        "espeak-ng and ffmpeg are installed here");
    assertEquals("true", browser.attribute(By.cssSelector(".engine[data-engine='ffmpeg']"), "data-available"));
    assertTrue(browser.text(By.cssSelector(".engine[data-engine='xtts']")).contains("недоступен"));
    fleet.choose("tabs:ttsForm:ttsEngine", "espeak");
    fleet.choose("tabs:ttsForm:ttsPreset", "fast");
    browser.type(By.id("tabs:ttsForm:ttsVoice"), "marina");
    browser.click(By.id("tabs:ttsForm:listen"));
    By audio = By.cssSelector("audio[id='tabs:ttsForm:sampleAudio']");
    String src = browser.waitUntil(d -> {
      List<WebElement> found = browser.all(audio);
      String s = found.isEmpty() ? null : found.get(0).getAttribute("src");
      return s == null || s.isEmpty() ? null : s;
    }, java.time.Duration.ofSeconds(60));
    assertTrue(browser.text(By.id("sampleInfo")).contains("espeak"), browser.text(By.id("sampleInfo")));
    browser.screenshot("tts");
    HttpResponse<byte[]> sample = withPanelSession(URI.create(src));
    assertEquals(200, sample.statusCode());
    assertEquals("audio/ogg", sample.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertArrayEquals("OggS".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(sample.body(), 4));
    // Nobody else can fetch it, and it was a sample: nothing was saved.
    assertEquals(302, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).statusCode(), "anonymous: to the login page");
    assertEquals(404, withPanelSession(URI.create(src.replaceAll("key=[0-9a-f]+", "key=0000"))).statusCode());
    assertEquals("anna", instance().get("tts_voice").asText());

    // An engine that is not set up here says why, before and when listening.
    fleet.choose("tabs:ttsForm:ttsEngine", "xtts");
    browser.click(By.id("tabs:ttsForm:listen"));
    browser.growl("Сейчас озвучить нельзя");
  }

  @Test
  @Order(3)
  void theVoiceTabSavesTheSpeechToTextSettings() {
    fleet.openTab("ttsTab");
    assertEquals(List.of("openai-compatible", "gemini", "cloud:" + provider), options("tabs:ttsForm:sttEngine"),
        "the configured engines, then the stored providers that take audio");
    browser.type(By.id("tabs:ttsForm:sttMaxSeconds_input"), "3");
    browser.click(By.id("tabs:ttsForm:save"));
    assertTrue(fleet.fieldMessage("ttsForm", "sttMaxSeconds").contains("5"), "5 to 900 seconds");
    browser.type(By.id("tabs:ttsForm:sttMaxSeconds_input"), "45");
    browser.type(By.id("tabs:ttsForm:sttLanguage"), "en");
    assertFalse(instance().get("stt_echo").asBoolean(), "no echo unless set");
    browser.click(By.cssSelector("[id='tabs:ttsForm:sttEcho'] .ui-toggleswitch-slider"));
    browser.click(By.id("tabs:ttsForm:save"));
    browser.growl("Сохранено");
    assertTrue(instance().get("stt_echo").asBoolean(), "the echo switch saved");
    assertEquals(45, instance().get("stt_max_seconds").asInt());
    assertEquals("en", instance().get("stt_language").asText());
  }

  @Test
  @Order(4)
  void anAdminAssignsTheOwnerAndRemovesASecret() {
    Reply olga = admin.post("/admin/users", json("username", "olga", "password", "olga-password-1", "role", "user"));
    assertEquals(201, olga.status(), olga.toString());
    long olgaId = olga.json().get("user").get("id").asLong();
    browser.go("/panel/bots?bot=" + bot);
    assertTrue(options("tabs:settingsForm:ownerId").contains(Long.toString(olgaId)));
    fleet.choose("tabs:settingsForm:ownerId", Long.toString(olgaId));
    browser.click(By.id("tabs:settingsForm:save"));
    browser.growl("Сохранено");
    assertEquals(olgaId, instance().get("owner_id").asLong());

    assertTrue(instance().get("app_secret_set").asBoolean());
    browser.click(By.id("tabs:settingsForm:appSecretClear"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("удалено");
    assertFalse(instance().get("app_secret_set").asBoolean());
    browser.waitUntil(d -> browser.text(By.id("appSecretState")).contains("не задан"));
    assertTrue(browser.all(By.id("tabs:settingsForm:appSecretClear")).isEmpty());
    assertTrue(browser.all(By.id("tabs:settingsForm:accessTokenClear")).size() == 1);
    browser.screenshot("settings-owner");
  }

  @Test
  @Order(5)
  void theLoginPageKeepsTheLanguageAndFailedLoginsAreAudited() {
    browser.click(By.cssSelector("#languageForm a[lang='en']"));
    browser.waitUntil(d -> browser.text(By.id("listForm:addBot")).equals("Add bot"));
    browser.logout();
    assertEquals("Log in", browser.text(By.cssSelector("main h1")));
    browser.login("admin", "not-the-password");
    browser.growl("Invalid user name or password");
    browser.screenshot("login-english");
    boolean audited = StreamSupport.stream(admin.get("/admin/audit?limit=20").json().get("entries").spliterator(), false)
        .anyMatch(e -> e.get("action").asText().equals("auth.login_failed") && e.get("actor").asText().equals("admin")
            && e.path("details").toString().contains("panel"));
    assertTrue(audited, admin.get("/admin/audit?limit=20").body());
    browser.login("admin", ADMIN_PASSWORD);
    browser.click(By.cssSelector("#languageForm a[lang='ru']"));
    browser.waitUntil(d -> browser.text(By.id("listForm:addBot")).equals("Добавить бота"));
  }

  /** A plain HTTP request carrying the browser's session cookie. */
  static HttpResponse<byte[]> withPanelSession(URI uri) throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
