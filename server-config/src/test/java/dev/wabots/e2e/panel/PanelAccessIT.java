package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Who may do what in the panel, in a real browser: a guest reads every bot and changes nothing, a
 * user sees only their own bots, refused logins say so — and the login throttle of the API holds
 * for the panel too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelAccessIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";
  /** Controls that change something; for a guest every one of them must be disabled. */
  static final String WRITE_BUTTONS = "#listForm\\:addBot, #listForm button[id$=':start'], #listForm button[id$=':stop'],"
      + " #listForm button[id$=':restart'], #listForm button[id$=':delete'], #headerForm button, [id$=':save'],"
      + " [id$=':generateVerifyToken']";
  static final List<String> TAB_FORMS = List.of("settingsForm", "aiForm", "ttsForm", "accessForm", "rateForm");

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);
  static String adminBot;
  static String annBot;
  static String bobBot;

  @BeforeAll
  static void start() {
    run = Launched.start("panel-access", Map.of("WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    long ann = user("ann", "user");
    long bob = user("bob", "user");
    user("gail", "guest");
    adminBot = bot("Admin Bot", null);
    annBot = bot("Ann Bot", ann);
    bobBot = bot("Bob Bot", bob);
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  @AfterEach
  void signOut() {
    browser.go("/panel/bots");
    if (!browser.path().equals("/panel/login")) {
      browser.logout();
    }
  }

  static long user(String name, String role) {
    Reply r = admin.post("/admin/users", json("username", name, "password", name + "-password", "role", role));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("user").get("id").asLong();
  }

  static String bot(String name, Long owner) {
    Reply r = admin.post("/admin/whatsapp/instances", owner == null ? json("name", name) : json("name", name, "owner_id", owner));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("instance").get("id").asText();
  }

  @Test
  @Order(1)
  void aGuestSeesEveryBotAndEveryWriteControlIsDisabled() {
    browser.login("gail", "gail-password");
    assertEquals(List.of(adminBot, annBot, bobBot), fleet.botIds());
    fleet.select(annBot);
    List<String> enabled = new ArrayList<>();
    for (WebElement button : browser.all(By.cssSelector(WRITE_BUTTONS))) {
      if (button.isEnabled()) {
        enabled.add(button.getAttribute("id"));
      }
    }
    for (WebElement toggle : browser.all(By.cssSelector("#listForm .ui-toggleswitch"))) {
      if (!toggle.getAttribute("class").contains("ui-state-disabled")) {
        enabled.add(toggle.getAttribute("id"));
      }
    }
    for (String form : TAB_FORMS) {
      for (WebElement input : browser.all(By.cssSelector("[id='tabs:" + form + "'] input:not([type=hidden]), [id='tabs:"
          + form + "'] textarea, [id='tabs:" + form + "'] select"))) {
        if (input.isEnabled()) {
          enabled.add(input.getAttribute("id"));
        }
      }
    }
    assertTrue(browser.all(By.cssSelector(WRITE_BUTTONS)).size() >= 12, "the write buttons were not found");
    assertEquals(List.of(), enabled, "controls a guest can use to change something");
    browser.screenshot("guest");
  }

  @Test
  @Order(2)
  void aUserSeesOnlyTheirOwnBots() {
    browser.login("ann", "ann-password");
    assertEquals(List.of(annBot), fleet.botIds());
    assertEquals(annBot, fleet.selectedId());
    assertTrue(browser.find(By.id("headerForm:start")).isEnabled());
    assertTrue(browser.find(By.id("tabs:settingsForm:save")).isEnabled());
    browser.screenshot("user");
    browser.go("/panel/bots?bot=" + bobBot);
    assertEquals(annBot, fleet.selectedId(), "another user's bot must not open");
    assertFalse(browser.driver.getPageSource().contains("Bob Bot"));
    browser.go("/panel/logs/download?bot=" + bobBot);
    assertTrue(browser.text(By.id("errorPage")).contains("Такой страницы нет"));
  }

  @Test
  @Order(3)
  void wrongPasswordsAndDisabledAccountsAreRefused() {
    browser.login("ann", "not-her-password");
    browser.growl("Неверное имя пользователя или пароль");
    long carl = user("carl", "user");
    assertEquals(200, admin.put("/admin/users/" + carl, json("enabled", false)).status());
    browser.login("carl", "carl-password");
    browser.growl("Неверное имя пользователя или пароль");
    assertEquals("/panel/login", browser.path());
  }

  /**
   * Last: the login throttle holds for the panel as for the API — this address may try only so
   * many times a minute, whatever the names — and a correct password from another address still
   * gets in (nobody is locked out by someone else's failures).
   */
  @Test
  @Order(4)
  void theLoginThrottleHoldsForThePanel() {
    String message = null;
    for (int attempt = 1; attempt <= 11 && message == null; attempt++) {
      browser.login("mallory" + attempt, "guess-" + attempt);
      message = browser.all(By.cssSelector(".ui-growl-message")).stream()
          .map(WebElement::getText)
          .filter(t -> t.contains("Слишком много попыток"))
          .findFirst()
          .orElse(null);
    }
    assertTrue(message != null, "no throttle message after 11 attempts");
    browser.screenshot("login-throttled");
    assertEquals(429, run.api().post("/admin/auth/login", json("username", "admin", "password", ADMIN_PASSWORD)).status(),
        "this address has used up its attempts for the minute");
    Api elsewhere = Launched.otherAddress().map(ip -> new Api(java.net.URI.create("http://" + ip + ":" + run.port + "/")))
        .orElseThrow(() -> new AssertionError("this machine has no address but loopback to test from"));
    assertEquals(200, elsewhere.post("/admin/auth/login", json("username", "admin", "password", ADMIN_PASSWORD)).status(),
        "the right password from another address is not refused for the failures here");
  }
}
