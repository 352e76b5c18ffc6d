package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * An admin runs the fleet from the panel in a real browser, against the real orchestrator and
 * real bot processes: create, start (dot turns green), read the log, stop (grey); every tab's
 * form with its validation messages; the language switch; a phone-sized screen.
 */
class FleetPanelIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";
  static final Duration BOT_READY = Duration.ofSeconds(120);

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() {
    run = Launched.start("panel-fleet", Map.of(
        "WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD,
        // This class logs in more often than the default 10 a minute from one address allows.
        "WABOTS_AUTH_LOGIN_LIMIT_PER_MINUTE", "100"));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  @BeforeEach
  void signedInAsAdmin() {
    // Each test starts as admin in a new session, whatever the previous one left behind.
    browser.resize(1366, 900);
    browser.forgetSession();
    browser.go("/panel/bots");
    if (browser.path().equals("/panel/login")) {
      browser.login("admin", ADMIN_PASSWORD);
    }
    assertEquals("/panel/bots", browser.path());
  }

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 6);
  }

  static String createBot(String name) {
    Reply r = admin.post("/admin/whatsapp/instances", json("name", name));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("instance").get("id").asText();
  }

  static JsonNode bot(String id) {
    return admin.get("/admin/whatsapp/instances/" + id).json().get("instance");
  }

  @Test
  void createsStartsFollowsTheLogAndStopsABot() throws Exception {
    String name = unique("Panel Bot");
    browser.click(By.id("listForm:addBot"));
    browser.waitUntil(d -> browser.find(By.id("newBotDialog")).isDisplayed());
    browser.type(By.id("newBotForm:name"), name);
    String slug = name.toLowerCase().replace(' ', '-');
    browser.waitUntil(d -> browser.text(By.id("newBotForm:slug")).endsWith(slug));
    browser.screenshot("new-bot-dialog");
    browser.click(By.id("newBotForm:create"));
    browser.growl(name);
    browser.waitUntil(d -> slug.equals(fleet.selectedId()));
    assertTrue(fleet.botIds().contains(slug));
    assertEquals("stopped", fleet.dotState(slug));
    assertEquals(name, bot(slug).get("name").asText());
    browser.screenshot("settings");

    // Typed but not saved: the list's poll must leave the form alone while the bot starts.
    browser.type(By.id("tabs:settingsForm:description"), "draft, not saved");
    browser.click(By.id("headerForm:start"));
    browser.growl(name);
    // Until the bot is ready (or failed) a spinner turns in the header and in its row.
    browser.waitUntil(d -> !browser.all(By.id("startingSpinner")).isEmpty()
        && !browser.all(By.cssSelector("[data-starting='" + slug + "']")).isEmpty());
    browser.screenshot("fleet-starting");
    fleet.awaitDot(slug, "running", BOT_READY);
    browser.waitUntil(d -> "running".equals(browser.attribute(By.id("selectedDot"), "data-state")));
    browser.waitUntil(d -> browser.all(By.id("startingSpinner")).isEmpty()
        && browser.all(By.cssSelector("[data-starting='" + slug + "']")).isEmpty());
    assertEquals("draft, not saved", browser.attribute(By.id("tabs:settingsForm:description"), "value"));
    assertTrue(browser.attribute(FleetPage.row(slug), "class").contains("selected"));
    browser.screenshot("fleet-running");
    // Under the list, what the running bots take (read from /proc by the poll) and the page merging.
    browser.waitUntil(d -> !browser.all(By.id("fleetMemory")).isEmpty()
        && browser.text(By.id("fleetMemory")).matches("(?s)Работает ботов: \\d+, память [\\d\\s\u00a0\u202f]+ МБ \\(\\d+ МБ на бота.*"), BOT_READY);

    fleet.openTab("logsTab");
    browser.waitUntil(d -> browser.text(By.id("tabs:logsForm:lines")).contains("Payara Micro"), BOT_READY);
    browser.screenshot("logs");
    // The tab follows the file: a line appended now shows up by itself, in the warning colour.
    String marker = "WARNING panel-marker-" + UUID.randomUUID();
    Files.writeString(run.logs.resolve("whatsapp_bot_" + slug + ".log"), marker + "\n", StandardOpenOption.APPEND);
    browser.waitUntil(d -> browser.all(By.cssSelector("[id='tabs:logsForm:lines'] .log-warning")).stream()
        .anyMatch(e -> e.getText().equals(marker)));
    browser.type(By.id("tabs:logsForm:filter"), marker.substring(8));
    browser.waitUntil(d -> browser.all(By.cssSelector("[id='tabs:logsForm:lines'] > div")).size() == 1);
    String href = browser.attribute(By.id("tabs:logsForm:download"), "href");
    HttpResponse<String> download = withPanelSession(URI.create(href));
    assertEquals(200, download.statusCode());
    assertTrue(download.body().contains("Payara Micro"), download.body());
    assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("whatsapp_bot_" + slug));

    browser.click(By.id("headerForm:stop"));
    fleet.awaitDot(slug, "stopped", Duration.ofSeconds(60));
    browser.growl(name);
    assertFalse(bot(slug).get("auto_start").asBoolean());
  }

  @Test
  void aSlowRequestShowsTheBusyBarUntilItsAnswerComes() {
    String id = createBot(unique("Busy Bot"));
    browser.go("/panel/bots?bot=" + id);
    assertTrue(browser.all(By.id("busyBar")).stream().noneMatch(e -> e.isDisplayed()), "no bar while idle");
    // Every request of the page now leaves 800 ms late: the bar must show after ~300 ms and go.
    browser.script("window.sawBusy = false;"
        + "var seen = function () { var b = document.getElementById('busyBar');"
        + "  if (b && b.getClientRects().length > 0) { window.sawBusy = true; } };"
        + "new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, attributes: true});"
        + "var send = XMLHttpRequest.prototype.send;"
        + "XMLHttpRequest.prototype.send = function (b) { var x = this; setTimeout(function () { send.call(x, b); }, 800); };");
    browser.click(By.id("tabs:settingsForm:save"));
    browser.waitUntil(d -> Boolean.TRUE.equals(browser.script("return window.sawBusy;")));
    browser.waitUntil(d -> browser.all(By.id("busyBar")).stream().noneMatch(e -> e.isDisplayed()));
  }

  @Test
  void tabsSaveTheirOwnFieldsAndShowRefusalsUnderThem() {
    String id = createBot(unique("Tabs Bot"));
    browser.go("/panel/bots?bot=" + id);
    assertEquals(id, fleet.selectedId());

    fleet.openTab("aiTab");
    browser.type(By.id("tabs:aiForm:temperature"), "3");
    browser.click(By.id("tabs:aiForm:save"));
    assertTrue(fleet.fieldMessage("aiForm", "temperature").contains("вне допустимого диапазона"));
    browser.growl("Проверьте отмеченные поля");
    browser.type(By.id("tabs:aiForm:temperature"), "0.7");
    // The backend is picked from a menu (vLLM, Gemini, stored providers): nothing to mistype there.
    fleet.choose("tabs:aiForm:llmBackend", "gemini");
    browser.type(By.id("tabs:aiForm:systemPrompt"), "Вы — вежливый консультант.");
    assertTrue(browser.text(By.id("tabs:aiForm:promptCounter")).startsWith("26 /"));
    browser.type(By.id("tabs:aiForm:maxTokens_input"), "800");
    browser.click(By.id("tabs:aiForm:save"));
    browser.growl("Сохранено");
    browser.screenshot("ai");
    JsonNode params = bot(id).get("llm_params");
    assertEquals("gemini", bot(id).get("llm_backend").asText());
    assertEquals(0.7, params.get("temperature").asDouble(), 1e-9);
    assertEquals(800, params.get("max_tokens").asInt());

    fleet.openTab("accessTab");
    browser.script("var dt = new DataTransfer(); dt.setData('text', arguments[1]);"
            + "document.getElementById(arguments[0]).dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true}));",
        "tabs:accessForm:allowedPhones_input", "79001112233\n+7 900 222-33-44 79003334455");
    browser.type(By.id("tabs:accessForm:blockedPhones_input"), "12ab\n");
    browser.click(By.id("tabs:accessForm:save"));
    assertTrue(fleet.fieldMessage("accessForm", "blockedPhones").contains("12ab"));
    browser.idle();
    browser.click(By.cssSelector("[id='tabs:accessForm:blockedPhones'] .ui-chips-token-icon"));
    browser.waitUntil(d -> browser.all(By.cssSelector("[id='tabs:accessForm:blockedPhones'] .ui-chips-token")).isEmpty());
    browser.clearGrowls(); // the AI tab's "Сохранено" must not pass for this save's
    browser.click(By.id("tabs:accessForm:save"));
    browser.growl("Сохранено");
    browser.waitUntil(d -> browser.all(By.cssSelector("[id='tabs:accessForm:allowedPhones'] .ui-chips-token-label"))
        .stream().map(WebElement::getText).toList().equals(List.of("79001112233", "79002223344", "79003334455")));
    browser.screenshot("access");
    assertEquals(3, bot(id).get("allowed_phones").size());

    fleet.openTab("ttsTab");
    browser.click(By.cssSelector("[id='tabs:ttsForm:ttsEnabled'] .ui-toggleswitch-slider"));
    browser.type(By.id("tabs:ttsForm:ttsVoice"), "marina");
    browser.click(By.id("tabs:ttsForm:save"));
    browser.growl("Сохранено");
    browser.screenshot("tts-saved");
    assertTrue(bot(id).get("tts_enabled").asBoolean());
    assertEquals("marina", bot(id).get("tts_voice").asText());

    fleet.openTab("rateTab");
    assertEquals("5", browser.attribute(By.id("tabs:rateForm:rateLimitCount_input"), "value"));
    assertEquals("5", browser.attribute(By.id("tabs:rateForm:rateLimitHours_input"), "value"));
    browser.screenshot("rate-limit");
    // The panel refuses what the API refuses, under the field, and saves nothing (it used to save 1).
    browser.type(By.id("tabs:rateForm:rateLimitCount_input"), "0");
    browser.clearGrowls();
    browser.click(By.id("tabs:rateForm:save"));
    assertTrue(fleet.fieldMessage("rateForm", "rateLimitCount").contains("Целое число от 1 до 10000"));
    browser.growl("Проверьте отмеченные поля");
    assertEquals(5, bot(id).get("rate_limit_count").asInt());

    fleet.openTab("settingsTab");
    int port = bot(id).get("webhook_port").asInt();
    browser.type(By.id("tabs:settingsForm:webhookPort_input"), "80");
    browser.clearGrowls();
    browser.click(By.id("tabs:settingsForm:save"));
    assertTrue(fleet.fieldMessage("settingsForm", "webhookPort").contains("Порт — целое число от 1024 до 65535"));
    browser.growl("Проверьте отмеченные поля");
    assertEquals(port, bot(id).get("webhook_port").asInt(), "it used to be saved as 1024");
    browser.type(By.id("tabs:settingsForm:webhookPort_input"), Integer.toString(port));

    String other = createBot(unique("Other Bot"));
    browser.type(By.id("tabs:settingsForm:name"), bot(other).get("name").asText());
    browser.click(By.id("tabs:settingsForm:save"));
    assertTrue(fleet.fieldMessage("settingsForm", "name").contains("уже есть"));
  }

  @Test
  void theHandOffTabSavesTheSwitchesAndTimesAndRefusesABadPeriodUnderItsField() {
    String id = createBot(unique("Handoff Bot"));
    browser.go("/panel/bots?bot=" + id);
    fleet.openTab("handoffTab");
    assertEquals("12", browser.attribute(By.id("tabs:handoffForm:handbackAfterHours_input"), "value"));
    assertEquals("180", browser.attribute(By.id("tabs:handoffForm:messageRetentionDays_input"), "value"));
    browser.click(By.cssSelector("[id='tabs:handoffForm:handoffOnPersonWords'] .ui-toggleswitch-slider"));
    browser.type(By.id("tabs:handoffForm:handbackAfterHours_input"), "4");
    browser.type(By.id("tabs:handoffForm:messageRetentionDays_input"), "0");
    browser.clearGrowls();
    browser.click(By.id("tabs:handoffForm:save"));
    assertTrue(fleet.fieldMessage("handoffForm", "messageRetentionDays").contains("от 1 до 3650"));
    browser.growl("Проверьте отмеченные поля");
    assertEquals(180, bot(id).get("message_retention_days").asInt(), "nothing saved");
    assertTrue(bot(id).get("handoff_on_person_words").asBoolean(), "nothing saved");
    browser.type(By.id("tabs:handoffForm:messageRetentionDays_input"), "30");
    browser.clearGrowls();
    browser.click(By.id("tabs:handoffForm:save"));
    browser.growl("Сохранено");
    browser.screenshot("handoff");
    JsonNode saved = bot(id);
    assertFalse(saved.get("handoff_on_person_words").asBoolean());
    assertTrue(saved.get("handoff_on_contact").asBoolean());
    assertEquals(4, saved.get("handback_after_hours").asInt());
    assertEquals(30, saved.get("message_retention_days").asInt());
  }

  @Test
  void theContentSecurityPolicyStopsScriptsThePanelDidNotSend() {
    browser.script("var s = document.createElement('script'); s.textContent = 'window.injected = true;';"
        + " document.body.appendChild(s);");
    assertEquals(null, browser.script("return window.injected === undefined ? null : window.injected;"),
        "an inline script without the page's nonce ran");
    List<String> blocked = browser.takeCspViolations();
    assertFalse(blocked.isEmpty(), "the browser reported nothing");
    assertTrue(blocked.get(0).contains("script-src"), blocked.toString());
  }

  @Test
  void aNewVerifyTokenIsShownOnceToPasteIntoMeta() {
    String id = createBot(unique("Token Bot"));
    browser.go("/panel/bots?bot=" + id);
    assertTrue(browser.text(By.id("webhookUrl")).endsWith(":" + bot(id).get("webhook_port").asInt() + "/webhook"));
    browser.click(By.id("tabs:settingsForm:generateVerifyToken"));
    browser.click(By.id("confirmForm:confirmYes"));
    String token = browser.text(By.id("newVerifyToken"));
    assertEquals(32, token.length());
    assertEquals("••••" + token.substring(28), bot(id).get("verify_token").asText());
    browser.screenshot("verify-token");
    browser.go("/panel/bots?bot=" + id);
    assertTrue(browser.all(By.id("newVerifyToken")).isEmpty(), "shown once only");
    assertFalse(browser.driver.getPageSource().contains(token));
  }

  @Test
  void changesTheirOwnPassword() {
    Reply created = admin.post("/admin/users", json("username", "pat", "password", "pat-old-password", "role", "user"));
    assertEquals(201, created.status(), created.toString());
    long pat = created.json().get("user").get("id").asLong();
    Api apiBefore = run.api().login("pat", "pat-old-password");
    browser.logout();
    browser.login("pat", "pat-old-password");
    browser.click(By.id("accountForm:password"));
    browser.waitUntil(d -> browser.path().equals("/panel/password"));
    browser.type(By.id("passwordForm:oldPassword"), "not-the-password");
    browser.type(By.id("passwordForm:newPassword"), "pat-new-password");
    browser.type(By.id("passwordForm:repeated"), "pat-new-password");
    browser.click(By.id("passwordForm:change"));
    assertTrue(browser.text(By.cssSelector("#passwordForm .ui-message-error"))
        .contains("Текущий пароль не совпадает"));
    browser.screenshot("password");
    browser.type(By.id("passwordForm:oldPassword"), "pat-old-password");
    browser.type(By.id("passwordForm:newPassword"), "pat-new-password");
    browser.type(By.id("passwordForm:repeated"), "pat-new-password");
    browser.click(By.id("passwordForm:change"));
    browser.growl("Пароль изменён");
    assertEquals("/panel/bots", browser.path());
    assertEquals(401, apiBefore.get("/admin/auth/me").status(), "a token from before the change ends with it");
    browser.go("/panel/bots");
    assertEquals("/panel/bots", browser.path(), "the session that changed it goes on");
    browser.logout();
    browser.login("pat", "pat-new-password");
    assertEquals("/panel/bots", browser.path());
    // An admin's reset ends pat's open session: the next page is the login.
    assertEquals(200, admin.put("/admin/users/" + pat, json("password", "pat-reset-password")).status());
    browser.go("/panel/bots");
    assertEquals("/panel/login", browser.path());
    browser.login("pat", "pat-reset-password");
    assertEquals("/panel/bots", browser.path());
    browser.logout();
  }

  @Test
  void deletesABotAfterAskingOnce() {
    String name = unique("Doomed Bot");
    String id = createBot(name);
    browser.go("/panel/bots?bot=" + id);
    browser.click(FleetPage.inRow(id, "button[id$=':delete']"));
    browser.waitUntil(d -> browser.find(By.cssSelector(".ui-confirm-dialog")).isDisplayed());
    assertTrue(browser.text(By.cssSelector(".ui-confirm-dialog")).contains("воронки"));
    browser.screenshot("delete-confirmation");
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl(name);
    browser.waitUntil(d -> !fleet.botIds().contains(id));
    assertEquals(404, admin.get("/admin/whatsapp/instances/" + id).status());
  }

  @Test
  void switchesToEnglishAndRemembersItForTheAccount() {
    Reply created = admin.post("/admin/users", json("username", "polyglot", "password", "polyglot-pass-1", "role", "user"));
    assertEquals(201, created.status(), created.toString());
    browser.logout();
    browser.screenshot("login");
    browser.login("polyglot", "polyglot-pass-1");
    assertEquals("Добавить бота", browser.text(By.id("listForm:addBot")));
    browser.click(By.cssSelector("#languageForm a[lang='en']"));
    browser.waitUntil(d -> browser.text(By.id("listForm:addBot")).equals("Add bot"));
    browser.screenshot("fleet-english");
    browser.logout();
    browser.login("polyglot", "polyglot-pass-1");
    assertEquals("Add bot", browser.text(By.id("listForm:addBot")));
    browser.logout();
    // The browser remembers the language for the login page: back to Russian for the other tests.
    assertEquals("Log in", browser.text(By.cssSelector("main h1")));
    browser.click(By.cssSelector("#languageForm a[lang='ru']"));
    browser.waitUntil(d -> browser.text(By.cssSelector("main h1")).equals("Вход"));
  }

  @Test
  void onAPhoneTheListIsADrawer() {
    String id = createBot(unique("Pocket Bot"));
    browser.resize(390, 844);
    browser.go("/panel/bots?bot=" + id);
    browser.waitUntil(d -> !listVisible());
    browser.screenshot("phone-detail");
    browser.click(By.id("drawerToggle"));
    browser.waitUntil(d -> listVisible());
    browser.screenshot("phone-drawer");
    fleet.select(id);
    browser.waitUntil(d -> !listVisible());
  }

  /** Whether the bot list is on screen (on a phone it slides in from the left). */
  static boolean listVisible() {
    Object right = browser.script("return document.querySelector('.bots-pane').getBoundingClientRect().right;");
    return ((Number) right).doubleValue() > 1;
  }

  @Test
  void thePanelSessionOpensNoApiAndUnknownPagesAreFriendly() throws Exception {
    HttpResponse<String> me = withPanelSession(run.base().resolve("/admin/auth/me"));
    assertEquals(401, me.statusCode(), "a panel session must not authenticate API calls");
    assertEquals(200, admin.get("/admin/auth/me").status());
    browser.go("/panel/no-such-page");
    assertTrue(browser.text(By.id("errorPage")).contains("Такой страницы нет"));
    browser.screenshot("error-page");
    HttpResponse<String> api404 = withPanelSession(run.base().resolve("/admin/no-such-thing"));
    assertTrue(api404.body().startsWith("{"), api404.body());
  }

  @Test
  void afterLogoutThePanelAsksForTheLoginAgain() {
    browser.logout();
    browser.go("/panel/bots");
    assertEquals("/panel/login", browser.path());
    browser.login("admin", "wrong-password");
    browser.growl("Неверное имя пользователя или пароль");
    assertEquals("/panel/login", browser.path());
  }

  /** A plain HTTP request carrying the browser's session cookie. */
  static HttpResponse<String> withPanelSession(URI uri) throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
