package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.e2e.Bots;
import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;

/**
 * The Funnel tab's screens editor in a real browser against a real sandbox bot: find the welcome
 * screen, type a button title too long for WhatsApp (the counter and the problem say so, in
 * Russian, naming the screen and the field), then a good one; save; the running bot greets the
 * next customer with the new title, without a restart; "Try it" opens the test chat on a screen.
 */
class FunnelEditorPanelIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";
  static final Duration BOT_READY = Duration.ofSeconds(180);
  static final Duration REPLY = Duration.ofSeconds(45);

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;
  static String bot;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws InterruptedException {
    run = Launched.start("panel-editor", Map.of("WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Editor Bot"));
    assertEquals(201, created.status(), created.toString());
    bot = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + bot + "/start", null).status());
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
    Bots.awaitStatus(admin, bot, Bots::running, BOT_READY);
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  @Test
  void theEditorChangesAButtonTitleAndTheRunningBotUsesIt() throws InterruptedException {
    fleet.openAs(bot, "admin", ADMIN_PASSWORD);
    fleet.openTab("funnelTab");
    By links = By.cssSelector("a.screen-link");
    int all = browser.waitUntil(d -> browser.all(links).size());
    browser.type(By.id("tabs:funnelForm:screenSearch"), "welcome");
    browser.waitUntil(d -> browser.all(links).size() < all);
    browser.idle();
    browser.click(By.cssSelector("a.screen-link[data-screen='welcome']"));
    browser.waitUntil(d -> browser.text(By.id("screenKey")).equals("welcome"));
    assertTrue(browser.text(By.id("placeholderList")).contains("{product_name}"), "placeholders with their values");
    browser.idle();

    By faq = By.cssSelector("input[data-reply='sales:faq']");
    By counter = By.xpath("//input[@data-reply='sales:faq']/following-sibling::span[contains(@class,'counter')]");
    String tooLong = "Частые вопросы и ответы ✓✓";
    browser.type(faq, tooLong);
    browser.waitUntil(d -> browser.text(counter).equals(tooLong.codePointCount(0, tooLong.length()) + "/20"));
    assertTrue(browser.attribute(counter, "class").contains("over"));
    browser.click(By.id("tabs:funnelForm:checkScreens"));
    String problems = browser.text(By.id("screenProblems"));
    assertTrue(problems.contains("Экран «welcome», название кнопки: длиной 26 символов, а WhatsApp допускает 20"),
        problems);
    browser.screenshot("funnel-editor-problem");

    String title = "Вопросы FAQ-2";
    browser.type(faq, title);
    browser.click(By.id("tabs:funnelForm:saveScreens"));
    browser.growl("работающий бот уже использует");
    browser.waitUntil(d -> browser.attribute(By.id("tabs:funnelForm:definition"), "value").contains(title));
    browser.screenshot("funnel-editor-saved");

    // The running bot, not restarted, greets a customer with the new title.
    String phone = "79005550177";
    assertEquals(200, admin.post("/admin/sandbox/" + bot + "/inbound",
        json("from", phone, "text", "привет", "name", "Test User")).status());
    long deadline = System.nanoTime() + REPLY.toNanos();
    String conversation = "";
    while (System.nanoTime() < deadline && !conversation.contains("FAQ-2")) {
      Thread.sleep(200);
      conversation = admin.get("/admin/sandbox/" + bot + "/conversations/" + phone).body();
    }
    assertTrue(conversation.contains("FAQ-2"), conversation);
    assertTrue(admin.get("/admin/whatsapp/instances/" + bot).body().contains("running"), "no restart needed");

    // "Try it" opens the test chat on a screen (its number greets the bot first: the 24-hour rule).
    browser.type(By.id("tabs:funnelForm:screenSearch"), "contact");
    // The list is filtered once the welcome screen (which offers no contact) has left it.
    browser.waitUntil(d -> browser.all(By.cssSelector("a.screen-link[data-screen='welcome']")).isEmpty()
        && !browser.all(By.cssSelector("a.screen-link[data-screen='contact']")).isEmpty());
    browser.idle();
    browser.click(By.cssSelector("a.screen-link[data-screen='contact']"));
    browser.waitUntil(d -> browser.text(By.id("screenKey")).equals("contact"));
    browser.click(By.id("tabs:funnelForm:tryScreen"));
    browser.growl("«contact»");
    browser.waitUntil(d -> browser.find(By.id("tabs:chatTab")).isDisplayed());
    browser.waitUntil(d -> !browser.all(By.cssSelector(
        "[id='tabs:chatForm:conversation'] .bubble-buttons button[data-reply='nav:welcome']")).isEmpty(), REPLY);
    browser.screenshot("funnel-editor-try");
  }
}
