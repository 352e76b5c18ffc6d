package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.Bots;
import dev.wabots.e2e.ConversationSeed;
import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The Test chat and Funnel tabs in a real browser against a real sandbox bot: greet it, tap
 * through the quiz (a reply button, then a list row from the sheet) to a path, while a draft in the
 * text box survives the polling; the funnel report counts the quiz; a broken funnel definition is
 * refused with its problems listed, and reset. Ordered: the funnel counts what the chat did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatPanelIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";
  static final Duration BOT_READY = Duration.ofSeconds(180);
  static final Duration REPLY = Duration.ofSeconds(45);
  static final String PHONE = "79001234567";

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;
  static String bot;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws InterruptedException {
    run = Launched.start("panel-chat", Map.of("WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Chat Bot"));
    assertEquals(201, created.status(), created.toString());
    bot = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + bot + "/start", null).status());
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
    awaitRunning(bot);
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  @BeforeEach
  void signedInAsAdmin() {
    fleet.openAs(bot, "admin", ADMIN_PASSWORD);
  }

  static void awaitRunning(String id) throws InterruptedException {
    Bots.awaitStatus(admin, id, Bots::running, BOT_READY);
  }


  static By bubbleButton(String replyId) {
    return By.cssSelector(".bubble-buttons button[data-reply='" + replyId + "']");
  }

  /** Bubbles of the bot, in order. */
  static List<WebElement> botBubbles() {
    return browser.all(By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-bot"));
  }

  @Test
  @Order(1)
  void greetsTheBotAndTapsThroughTheQuizToAPath() {
    fleet.openTab("chatTab");
    assertEquals(PHONE, browser.attribute(By.id("tabs:chatForm:from"), "value"));
    browser.waitUntil(d -> browser.all(By.id("chatNotice")).isEmpty(), BOT_READY);
    browser.type(By.id("tabs:chatForm:text"), "привет");
    browser.click(By.id("tabs:chatForm:send"));
    browser.waitUntil(d -> !browser.all(bubbleButton("sales:start_quiz")).isEmpty(), REPLY);
    assertEquals("", browser.attribute(By.id("tabs:chatForm:text"), "value"), "the text box is emptied");
    // The user's message on the right; the welcome on the left with *bold* rendered, its three buttons under it.
    // Read inside the retrying wait: the panel's polling may replace the bubbles meanwhile.
    String mine = browser.waitUntil(d -> browser.find(By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-user")).getText());
    assertTrue(mine.contains("привет"), mine);
    String welcome = browser.waitUntil(d -> botBubbles().get(0).getText());
    boolean bold = browser.waitUntil(d -> !botBubbles().get(0).findElements(By.cssSelector(".bubble-body strong")).isEmpty());
    assertTrue(bold, "bold text: " + welcome);
    assertFalse(welcome.contains("*"), "no raw markers: " + welcome);
    assertEquals(3, browser.all(By.cssSelector(".bubble-buttons button.reply-button")).size());
    // The bot marked the greeting read: blue ticks (its read receipt is no bubble of its own).
    browser.waitUntil(d -> !browser.all(By.cssSelector(".bubble.from-user .ticks-read")).isEmpty(), REPLY);
    browser.waitUntil(d -> !browser.all(By.cssSelector(".bubble.from-bot [data-ticks='read']")).isEmpty(), REPLY);
    browser.screenshot("test-chat");

    browser.click(bubbleButton("sales:start_quiz"));
    browser.waitUntil(d -> !browser.all(bubbleButton("sales:qt_business")).isEmpty(), REPLY);
    assertTrue(browser.text(By.id("tabs:chatForm:conversation")).contains("Вопрос 1 из 2"));
    browser.click(bubbleButton("sales:qt_business"));

    // Question 2 is a list message: its button opens a sheet of rows.
    By listButton = By.cssSelector(".bubble-buttons button.list-button");
    browser.waitUntil(d -> !browser.all(listButton).isEmpty(), REPLY);
    browser.click(listButton);
    By gpuRow = By.cssSelector("a.sheet-row[data-reply='sales:qi_gpu']");
    browser.waitUntil(d -> browser.find(gpuRow).isDisplayed());
    assertEquals(4, browser.all(By.cssSelector("a.sheet-row")).size());
    assertTrue(browser.find(gpuRow).getText().contains("NVIDIA"), "row with its description");
    browser.screenshot("test-chat-list");
    int before = botBubbles().size();
    browser.click(gpuRow);
    browser.waitUntil(d -> browser.all(By.cssSelector(".chat-sheet.ui-sidebar-active")).isEmpty());
    // A draft typed now must survive the polling that brings the path's first message.
    browser.type(By.id("tabs:chatForm:text"), "черновик");
    browser.waitUntil(d -> !browser.all(bubbleButton("sales:custom_start")).isEmpty(), REPLY);
    assertTrue(botBubbles().size() > before);
    // Texts are read inside the retrying wait: the panel's polling may replace the bubbles meanwhile.
    String pathStart = browser.waitUntil(d -> botBubbles().get(botBubbles().size() - 1).getText());
    assertFalse(pathStart.isBlank(), "the path's first message");
    assertEquals("черновик", browser.attribute(By.id("tabs:chatForm:text"), "value"));
    List<String> tapped = browser.waitUntil(
        d -> browser.all(By.cssSelector(".bubble.from-user")).stream().map(WebElement::getText).toList());
    assertTrue(tapped.stream().anyMatch(t -> t.contains("Есть видеокарта")), "the picked row as the user's message: " + tapped);
    assertTrue(browser.all(By.cssSelector(".chat-phones a[data-phone='" + PHONE + "']")).size() == 1);
    browser.screenshot("test-chat-path");
  }

  @Test
  @Order(2)
  void theFunnelCountsTheQuizAndABrokenDefinitionIsRefusedWithItsProblems() {
    fleet.openTab("funnelTab");
    By started = By.cssSelector("[id='tabs:funnelForm:steps'] .users[data-step='quiz_started']");
    By completed = By.cssSelector("[id='tabs:funnelForm:steps'] .users[data-step='quiz_completed']");
    browser.waitUntil(d -> browser.text(started).equals("1") && browser.text(completed).equals("1"));
    assertTrue(browser.find(By.cssSelector("[id='tabs:funnelForm:chart'] canvas")).isDisplayed());
    By thirtyDays = By.xpath("//*[@id='tabs:funnelForm:days']//*[contains(@class,'ui-button')][2]");
    browser.click(thirtyDays);
    browser.waitUntil(d -> browser.find(thirtyDays).getAttribute("class").contains("ui-state-active"));
    browser.idle();
    assertEquals("1", browser.text(completed));
    assertTrue(browser.text(By.id("definitionState")).contains("по умолчанию"));
    browser.screenshot("funnel");

    String broken = browser.attribute(By.id("tabs:funnelForm:definition"), "value")
        .replace("\"sales:start_quiz\"", "\"sales:nowhere\"");
    browser.script("document.getElementById(arguments[0]).value = arguments[1];", "tabs:funnelForm:definition", broken);
    browser.click(By.id("tabs:funnelForm:save"));
    browser.growl("не сохранено");
    browser.waitUntil(d -> !browser.all(By.cssSelector("#problemList li")).isEmpty());
    String problems = browser.text(By.id("problemList"));
    assertTrue(problems.contains("sales:nowhere"), problems);
    assertTrue(problems.contains("screens.welcome"), problems);
    assertFalse(admin.get("/admin/whatsapp/instances/" + bot + "/funnel/definition").json().path("funnel").path("overridden").asBoolean());
    browser.screenshot("funnel-problems");

    browser.click(By.id("tabs:funnelForm:resetDefinition"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("по умолчанию");
    browser.waitUntil(d -> !browser.all(By.id("noProblems")).isEmpty());
    String shown = browser.attribute(By.id("tabs:funnelForm:definition"), "value");
    assertFalse(shown.contains("sales:nowhere"));
    assertTrue(shown.contains("sales:start_quiz"));
  }

  @Test
  @Order(3)
  void aValidDefinitionIsSavedForTheNextStart() {
    fleet.openTab("funnelTab");
    String own = browser.attribute(By.id("tabs:funnelForm:definition"), "value")
        .replace("Подобрать решение", "Подобрать вариант");
    browser.script("document.getElementById(arguments[0]).value = arguments[1];", "tabs:funnelForm:definition", own);
    browser.click(By.id("tabs:funnelForm:save"));
    browser.growl("Описание сохранено");
    browser.waitUntil(d -> browser.text(By.id("definitionState")).contains("admin"));
    assertTrue(browser.find(By.id("tabs:funnelForm:restart")).isDisplayed(), "a running bot is offered a restart");
    JsonNode stored = admin.get("/admin/whatsapp/instances/" + bot + "/funnel/definition").json().path("funnel");
    assertTrue(stored.path("overridden").asBoolean(), stored.toString());
    assertTrue(stored.path("definition").asText().contains("Подобрать вариант"));
    browser.click(By.id("tabs:funnelForm:resetDefinition"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("по умолчанию");
    assertFalse(admin.get("/admin/whatsapp/instances/" + bot + "/funnel/definition").json().path("funnel").path("overridden").asBoolean());
  }

  @Test
  @Order(4)
  void resettingTheConversationEmptiesIt() {
    fleet.openTab("chatTab");
    browser.waitUntil(d -> !botBubbles().isEmpty());
    browser.click(By.id("tabs:chatForm:reset"));
    browser.click(By.id("confirmForm:confirmYes"));
    browser.growl("сброшена");
    browser.waitUntil(d -> !browser.all(By.id("chatEmpty")).isEmpty());
    assertEquals(0, admin.get("/admin/sandbox/" + bot + "/conversations/" + PHONE).json().get("messages").size());
  }

  @Test
  @Order(5)
  void aStoppedBotOffersStartAndMediaOfOtherBotsIsNotServed() throws Exception {
    Reply other = admin.post("/admin/whatsapp/instances", json("name", "Quiet Bot"));
    String quiet = other.json().get("instance").get("id").asText();
    browser.go("/panel/bots?bot=" + quiet);
    fleet.openTab("chatTab");
    assertTrue(browser.text(By.id("chatNotice")).contains("не запущен"));
    assertTrue(browser.find(By.id("tabs:chatForm:start")).isEnabled());
    browser.type(By.id("tabs:chatForm:text"), "привет");
    browser.click(By.id("tabs:chatForm:send"));
    browser.growl("не отвечает");
    // Media of the sandbox is served to the session only for a bot it may see, and only existing media.
    assertEquals(404, withPanelSession(run.base().resolve("/panel/sandbox/" + quiet + "/media/123456")).statusCode());
    assertEquals(404, withPanelSession(run.base().resolve("/panel/sandbox/no-such-bot/media/123456")).statusCode());

    Reply live = admin.post("/admin/whatsapp/instances", json("name", "Live Bot"));
    assertEquals(201, live.status(), live.toString());
    String liveId = live.json().get("instance").get("id").asText();
    assertEquals(200, admin.put("/admin/whatsapp/instances/" + liveId + "/profile", "{\"contact_phone\":"
        + "\"+7 912 345-67-89\",\"contact_email\":\"sales@shop.example.ru\",\"contact_messenger\":"
        + "\"https://t.me/shop_sales\",\"yoomoney_receiver\":\"4100116075156746\",\"yoomoney_secret\":"
        + "\"wallet-notification-secret\"}").status());
    Reply switched = admin.put("/admin/whatsapp/instances/" + liveId, json("mode", "live",
        "phone_number_id", "106540352242922", "access_token", "EAAG-panel-live-token-0001",
        "verify_token", "panel-verify-token", "app_secret", "0123456789abcdef0123456789abcdef"));
    assertEquals(200, switched.status(), switched.toString());
    browser.go("/panel/bots?bot=" + liveId);
    fleet.openTab("chatTab");
    assertTrue(browser.text(By.id("chatLive")).contains("только для ботов в песочнице"));
  }

  @Test
  @Order(6)
  void anOperatorSeesTheWaitingCustomerTakesOverRepliesAndHandsBack() {
    String customer = "79005550101";
    assertEquals(200, admin.post("/admin/sandbox/" + bot + "/inbound",
        json("from", customer, "text", "Позовите менеджера, пожалуйста", "name", "Ирина")).status());
    browser.go("/panel/conversations");
    By row = By.cssSelector("a.conversation-link[data-phone='" + customer + "']");
    browser.waitUntil(d -> !browser.all(row).isEmpty(), Duration.ofSeconds(45));
    browser.waitUntil(d -> !browser.all(By.id("waitingBadge")).isEmpty(), Duration.ofSeconds(30));
    browser.screenshot("conversations");
    browser.click(row);
    browser.waitUntil(d -> "needs_person".equals(browser.attribute(By.id("threadState"), "data-state")));
    browser.waitUntil(d -> !browser.all(By.cssSelector("[id='threadForm:thread'] .bubble.from-user")).isEmpty());

    browser.click(By.id("threadForm:takeOver"));
    browser.growl("бот молчит");
    browser.waitUntil(d -> "with_person".equals(browser.attribute(By.id("threadState"), "data-state")),
        Duration.ofSeconds(30));
    browser.type(By.id("threadForm:reply"), "Ирина, здравствуйте! *Менеджер* на связи.");
    browser.waitUntil(d -> browser.text(By.id("replyPreview")).contains("Менеджер"));
    assertFalse(browser.find(By.id("replyPreview")).getAttribute("innerHTML").contains("*"), "formatting previewed");
    browser.click(By.id("threadForm:send"));
    browser.growl("Отправлено");
    browser.waitUntil(d -> !browser.all(By.cssSelector("[id='threadForm:thread'] .bubble[data-author='admin']")).isEmpty(),
        Duration.ofSeconds(30));
    assertTrue(admin.get("/admin/sandbox/" + bot + "/conversations/" + customer).body().contains("Менеджер* на связи"),
        "the customer got the operator's text");
    browser.screenshot("conversation-with-person");

    browser.click(By.id("threadForm:handBack"));
    browser.growl("бот снова отвечает");
    browser.waitUntil(d -> "bot".equals(browser.attribute(By.id("threadState"), "data-state")), Duration.ofSeconds(30));
  }

  @Test
  @Order(7)
  void filesAttachedInTheTestChatAreShownThereAndInTheConversationsThread() throws Exception {
    fleet.openTab("chatTab");
    browser.waitUntil(d -> browser.all(By.id("chatNotice")).isEmpty(), BOT_READY);
    Path dir = Files.createTempDirectory("attach");
    Path photo = dir.resolve("photo.jpg");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        "color=c=red:s=64x48", "-frames:v", "1", photo.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
    Path pdf = dir.resolve("Бриф.pdf");
    Files.writeString(pdf, "%PDF-1.7\n a brief from the panel\n");

    // A photo: a thumbnail in the customer's bubble (the sandbox's copy), and the bot's polite answer.
    browser.find(By.id("chatFile")).sendKeys(photo.toString());
    By thumbnail = By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-user img.picture");
    browser.waitUntil(d -> !browser.all(thumbnail).isEmpty(), REPLY);
    browser.waitUntil(d -> ((Number) browser.script("var i = document.querySelector(\"[id='tabs:chatForm:conversation']"
        + " .bubble.from-user img.picture\"); return i && i.complete ? i.naturalWidth : 0;")).intValue() == 64, REPLY);
    browser.waitUntil(d -> browser.text(By.id("tabs:chatForm:conversation")).contains("Спасибо за фото"), REPLY);
    assertTrue(browser.text(By.id("chatAttachStatus")).contains("Отправлено"), browser.text(By.id("chatAttachStatus")));

    // A document with the typed text as its caption: a download link, acknowledged by name.
    browser.type(By.id("tabs:chatForm:text"), "наш бриф");
    browser.find(By.id("chatFile")).sendKeys(pdf.toString());
    By document = By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-user a.document");
    browser.waitUntil(d -> browser.all(document).stream().anyMatch(a -> a.getText().contains("Бриф.pdf")), REPLY);
    browser.waitUntil(d -> browser.text(By.id("tabs:chatForm:conversation")).contains("«Бриф.pdf»"), REPLY);
    assertTrue(browser.text(By.id("tabs:chatForm:conversation")).contains("наш бриф"), "the caption went with it");
    assertEquals("", browser.attribute(By.id("tabs:chatForm:text"), "value"), "the caption is emptied");
    browser.screenshot("test-chat-files");

    // The same files in the Conversations thread, now from the bot that keeps them.
    browser.go("/panel/conversations");
    By row = By.cssSelector("a.conversation-link[data-phone='" + PHONE + "']");
    browser.waitUntil(d -> !browser.all(row).isEmpty(), Duration.ofSeconds(45));
    browser.click(row);
    By kept = By.cssSelector("[id='threadForm:thread'] .bubble.from-user img.picture[src*='/panel/media/conversation']");
    browser.waitUntil(d -> !browser.all(kept).isEmpty(), REPLY);
    browser.waitUntil(d -> ((Number) browser.script("var i = document.querySelector(\"[id='threadForm:thread']"
        + " img.picture[src*='/panel/media/conversation']\"); return i && i.complete ? i.naturalWidth : 0;"))
        .intValue() == 64, REPLY);
    // Until the bot's description of the file is stored, the thread links the sandbox's copy (as the
    // customer sent it): wait for the link to the bot's kept file.
    String link = browser.waitUntil(d -> browser.all(By.cssSelector("[id='threadForm:thread'] a.document")).stream()
        .filter(a -> a.getText().contains("Бриф.pdf")).map(a -> a.getAttribute("href"))
        .filter(href -> href != null && href.contains("/panel/media/conversation")).findFirst().orElse(null), REPLY);
    HttpResponse<String> file = withPanelSession(URI.create(link));
    assertEquals(200, file.statusCode(), file.body());
    assertTrue(file.body().startsWith("%PDF"), "the brief itself");
    assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
    browser.screenshot("conversation-files");

    // Only the panel's own script may share a file; a bot the person cannot see has no files.
    HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            run.base().resolve("/panel/sandbox/" + bot + "/share?from=" + PHONE + "&type=document&filename=x.pdf"))
        .header("Cookie", "JSESSIONID=" + browser.driver.manage().getCookieNamed("JSESSIONID").getValue())
        .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofString("%PDF-1.7")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, forged.statusCode(), forged.body());
    assertEquals(404, withPanelSession(URI.create(link.replace("bot=" + bot, "bot=no-such-bot"))).statusCode());
  }

  @Test
  @Order(8)
  void aLongThreadOpensAtItsNewestMessagesAndShowsTheEarlierOnesOnRequest() throws Exception {
    String customer = "79005550777";
    try (ConversationSeed seed = new ConversationSeed(run.data, 8)) {
      seed.conversation(bot, customer, "bot", java.time.Instant.now().minusSeconds(120), 450);
    }
    browser.go("/panel/conversations?bot=" + bot + "&phone=" + customer);
    By thread = By.id("threadForm:thread");
    By earlier = By.id("threadForm:earlier");
    browser.waitUntil(d -> "200".equals(browser.attribute(thread, "data-count")), Duration.ofSeconds(30));
    assertTrue(browser.text(earlier).contains("250"), browser.text(earlier));
    browser.click(earlier);
    browser.waitUntil(d -> "400".equals(browser.attribute(thread, "data-count")), Duration.ofSeconds(30));
    assertTrue(browser.text(earlier).contains("50"), browser.text(earlier));
    browser.click(earlier);
    browser.waitUntil(d -> "450".equals(browser.attribute(thread, "data-count")), Duration.ofSeconds(30));
    assertTrue(browser.all(earlier).isEmpty(), "every message is shown");
  }

  @Test
  @Order(9)
  void aVoiceNoteRecordedInTheBrowserReachesTheBotAsWhatsAppWouldSendIt() throws Exception {
    fleet.openTab("chatTab");
    browser.waitUntil(d -> browser.all(By.id("chatNotice")).isEmpty(), BOT_READY);
    int before = browser.all(By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-user audio.voice")).size();
    browser.click(By.id("chatRecord"));
    browser.waitUntil(d -> "true".equals(browser.attribute(By.id("chatRecord"), "aria-pressed")));
    // Chromium records WebM/Opus: the chat says so, and that the server makes OGG/Opus of it.
    assertTrue(browser.text(By.id("chatAttachStatus")).contains("WebM"), browser.text(By.id("chatAttachStatus")));
    Thread.sleep(2000); // two seconds of the fake microphone's tone
    browser.click(By.id("chatRecord"));
    By voice = By.cssSelector("[id='tabs:chatForm:conversation'] .bubble.from-user audio.voice");
    browser.waitUntil(d -> browser.all(voice).size() > before, REPLY);
    // No speech to text on this bot: the polite answer, as for any voice note it cannot hear.
    browser.waitUntil(d -> browser.text(By.id("tabs:chatForm:conversation")).contains("голосовое"), REPLY);
    JsonNode in = null;
    for (JsonNode m : admin.get("/admin/sandbox/" + bot + "/conversations/" + PHONE).json().get("messages")) {
      if (m.get("direction").asText().equals("in") && m.get("payload").toString().contains("\"audio\"")) {
        in = m;
      }
    }
    assertTrue(in != null, "the voice note went to the bot");
    JsonNode audio = in.get("payload").findPath("audio");
    assertEquals("audio/ogg; codecs=opus", audio.get("mime_type").asText(), audio.toString());
    assertTrue(audio.get("voice").asBoolean());
    String src = browser.waitUntil(d -> browser.all(voice).get(browser.all(voice).size() - 1).getAttribute("src"));
    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src))
        .header("Cookie", "JSESSIONID=" + browser.driver.manage().getCookieNamed("JSESSIONID").getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());
    assertEquals("OggS", new String(file.body(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1), "plays as OGG/Opus");
    browser.screenshot("test-chat-voice");
  }

  /** A plain HTTP request carrying the browser's session cookie. */
  static HttpResponse<String> withPanelSession(URI uri) throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
