package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.Launched;
import dev.wabots.e2e.LeadSeed;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The Leads page, the Profile and the Alerts tabs in a real browser: leads of two bots (written into
 * the orchestrator's database as its lead updates store them) filtered to one bot; a lead's card
 * shows its answers and quote and links to its conversation; its status and notes saved there are
 * what the API answers; the CSV export downloads the filter for Excel; payments show unmatched and
 * flagged ones to an admin. A bad e-mail in the profile is refused under the field with the API's
 * own message, a good one is what the API then answers; a webhook channel added in the Alerts tab is
 * in the API and its test's failure is shown. The tests share the seeded data, not each other's state.
 */
class LeadsPanelIT {

  static final String ADMIN_PASSWORD = "panel-admin-password";

  static Launched run;
  static Api admin;
  static Browser browser;
  static FleetPage fleet;
  static String bot;
  static String other;
  static long anna;
  static long boris;
  static long carl;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws Exception {
    run = Launched.start("panel-leads", Map.of("WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    bot = create("Leads Bot");
    other = create("Other Bot");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (LeadSeed seed = new LeadSeed(run.data)) {
      anna = seed.lead(bot, "79001110001", "Анна; \"Цветы\"", now.minus(2, ChronoUnit.DAYS), "CUSTOM",
          "Бот для записи в салон", 150_000, 210_000, "150000.00");
      carl = seed.lead(bot, "79001110003", "Carl", now.minus(1, ChronoUnit.DAYS), "CUSTOM", "CRM sync", 90_000,
          120_000, null);
      boris = seed.lead(other, "79001110002", "Boris", now.minus(3, ChronoUnit.DAYS), "DIY", "Own server", 10_000,
          12_000, null);
      seed.payment("op-matched-1", bot + ":79001110001", "149000.00", bot, anna, "amount 149000.00 differs from 150000");
      seed.payment("op-unknown-1", "nobody:123", "500.00", null, null, null);
    }
    browser = Browser.open(run.base());
    fleet = new FleetPage(browser);
  }

  static String create(String name) {
    Reply created = admin.post("/admin/whatsapp/instances", json("name", name));
    assertEquals(201, created.status(), created.toString());
    return created.json().get("instance").get("id").asText();
  }

  @AfterAll
  static void stop() {
    Browser.closeBoth(browser, run);
  }

  void openLeads() {
    browser.resize(1366, 900);
    browser.go("/panel/leads");
    if (browser.path().equals("/panel/login")) {
      browser.login("admin", ADMIN_PASSWORD);
      browser.go("/panel/leads");
    }
    browser.find(By.id("leadsForm:leads"));
  }

  /** The leads the table shows, by id. */
  Set<Long> shownLeads() {
    return browser.waitUntil(d -> d.findElements(By.cssSelector(".lead-row[data-lead]")).stream()
        .map(e -> Long.parseLong(e.getAttribute("data-lead"))).collect(Collectors.toSet()));
  }

  /** Waits until the table shows exactly {@code expected}; else fails naming what it shows. */
  void awaitLeads(Set<Long> expected) {
    try {
      browser.waitUntil(d -> shownLeads().equals(expected));
    } catch (org.openqa.selenium.TimeoutException e) {
      String table = String.valueOf(browser.script("return document.getElementById('leadsForm:leads').outerHTML;"));
      assertEquals(expected, shownLeads(), "the leads shown (anna " + anna + ", carl " + carl + ", boris " + boris
          + ") in " + table.substring(0, Math.min(4000, table.length())));
    }
  }

  /** Picks a value of a select menu and fires its change, as a person's pick does (the filters are Ajax). */
  static void pick(String clientId, String value) {
    fleet.choose(clientId, value);
    browser.script("PrimeFaces.getWidgetById(arguments[0]).input.trigger('change');", clientId);
    browser.idle();
  }

  @Test
  void filtersOpensACardSavesStatusAndNotesAndExportsTheFilter() throws Exception {
    openLeads();
    assertEquals(Set.of(anna, boris, carl), shownLeads());
    assertTrue(browser.find(By.id("leadsLink")).getAttribute("class").contains("current"), "the nav marks the page");

    pick("leadsForm:botFilter", bot);
    awaitLeads(Set.of(anna, carl));
    pick("leadsForm:paidFilter", "true");
    awaitLeads(Set.of(anna));

    browser.click(By.cssSelector(".lead-row[data-lead='" + anna + "'] a.lead-link"));
    browser.waitUntil(d -> browser.find(By.id("leadCard")).isDisplayed());
    String card = browser.text(By.cssSelector(".lead-card"));
    assertTrue(card.contains("Бот для записи в салон"), card);
    String total = browser.text(By.id("cardQuoteTotal"));
    assertTrue(total.matches("150[\\s\\u00a0\\u202f]000 ₽ – 210[\\s\\u00a0\\u202f]000 ₽"), total);
    assertTrue(browser.text(By.id("cardPaid")).matches("150[\\s\\u00a0\\u202f]000 ₽ · .+"), browser.text(By.id("cardPaid")));
    String conversation = browser.attribute(By.id("conversationLink"), "href");
    assertTrue(conversation.endsWith("/panel/conversations?bot=" + bot + "&phone=79001110001"), conversation);

    fleet.choose("cardForm:status", "won");
    browser.type(By.id("cardForm:notes"), "Позвонить в понедельник");
    browser.clearGrowls();
    browser.click(By.id("cardForm:save"));
    browser.growl("Лид сохранён");
    JsonNode lead = admin.get("/admin/leads/" + anna).json().get("lead");
    assertEquals("won", lead.get("status").asText());
    assertEquals("Позвонить в понедельник", lead.get("notes").asText());
    browser.waitUntil(d -> !d.findElements(By.cssSelector(".tag.status[data-status='won']")).isEmpty());

    // The export follows the filter: the Russian panel separates by ';', with the BOM Excel reads UTF-8 from.
    String href = browser.attribute(By.cssSelector("[id='leadsForm:export'] a, a[id='leadsForm:export']"), "href");
    assertTrue(href.contains("bot=" + bot) && href.contains("paid=true"), href);
    HttpResponse<byte[]> csv = download(URI.create(href));
    byte[] body = csv.body();
    String seen = csv.statusCode() + " " + csv.headers().map() + " "
        + new String(body, 0, Math.min(300, body.length), StandardCharsets.UTF_8);
    assertEquals(200, csv.statusCode(), seen);
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"), seen);
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(body[0], body[1], body[2]), "a UTF-8 BOM");
    String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertEquals(2, lines.length, Arrays.toString(lines));
    assertTrue(lines[0].startsWith("id;bot;phone;name;"), lines[0]);
    assertTrue(lines[1].startsWith(anna + ";" + bot + ";79001110001;\"Анна; \"\"Цветы\"\"\";"), lines[1]);
    assertTrue(lines[1].contains(";won;") && lines[1].contains("Позвонить в понедельник"), lines[1]);
    assertFalse(String.join("\n", lines).contains("Boris"));
  }

  /** The leads the table shows, in its order. */
  List<Long> leadOrder() {
    return browser.waitUntil(d -> d.findElements(By.cssSelector(".lead-row[data-lead]")).stream()
        .map(e -> Long.parseLong(e.getAttribute("data-lead"))).toList());
  }

  @Test
  void sortsByTheQuoteBothWaysAndByDefaultByTheLatestActivity() {
    openLeads();
    assertEquals(List.of(carl, anna, boris), leadOrder(), "newest activity first");
    By quoteHeader = By.xpath("//th[contains(@class,'ui-sortable-column')][.//span[text()='Смета']]");
    browser.click(quoteHeader);
    browser.idle();
    browser.waitUntil(d -> leadOrder().equals(List.of(boris, carl, anna)));
    browser.click(quoteHeader);
    browser.idle();
    browser.waitUntil(d -> leadOrder().equals(List.of(anna, carl, boris)));
  }

  @Test
  void anAdminSeesPaymentsUnmatchedAndFlagged() {
    openLeads();
    browser.find(By.id("paymentsForm:payments"));
    browser.waitUntil(d -> d.findElements(By.cssSelector("[id='paymentsForm:payments'] [data-matched]")).size() == 2);
    assertEquals(1, browser.all(By.cssSelector("[id='paymentsForm:payments'] [data-matched='false']")).size());
    assertEquals(1, browser.all(By.cssSelector("[id='paymentsForm:payments'] .tag.flagged")).size());
    pick("paymentsForm:matchedFilter", "false");
    browser.waitUntil(d -> d.findElements(By.cssSelector("[id='paymentsForm:payments'] [data-matched]")).size() == 1);
    assertTrue(browser.text(By.id("paymentsForm:payments")).contains("nobody:123"));
  }

  @Test
  void theProfileTabRefusesABadEmailInTheApisWordsAndSavesAGoodOne() {
    Reply refused = admin.put("/admin/whatsapp/instances/" + bot + "/profile", json("contact_email", "no-at-sign"));
    assertEquals(400, refused.status(), refused.toString());
    String apiMessage = refused.json().get("fields").get(0).get("message").asText();

    fleet.openAs(bot, "admin", ADMIN_PASSWORD);
    fleet.openTab("profileTab");
    browser.type(By.id("tabs:profileForm:contactEmail"), "no-at-sign");
    browser.click(By.id("tabs:profileForm:save"));
    browser.idle();
    assertEquals(apiMessage, fleet.fieldMessage("profileForm", "contactEmail"));

    browser.type(By.id("tabs:profileForm:contactEmail"), "owner@flowers.example.org");
    browser.type(By.id("tabs:profileForm:workingHours"), "пн–пт 10–19");
    browser.clearGrowls();
    browser.click(By.id("tabs:profileForm:save"));
    browser.growl("Профиль сохранён");
    JsonNode profile = admin.get("/admin/whatsapp/instances/" + bot + "/profile").json().get("profile").get("profile");
    assertEquals("owner@flowers.example.org", profile.get("contact_email").asText());
    assertEquals("пн–пт 10–19", profile.get("working_hours").asText());
  }

  @Test
  void theAlertsTabAddsAWebhookChannelAndShowsItsTest() {
    fleet.openAs(other, "admin", ADMIN_PASSWORD);
    fleet.openTab("alertsTab");
    browser.click(By.xpath("//*[@id='tabs:alertsForm:type']//div[contains(@class,'ui-button')][.//*[text()='Вебхук']]"));
    browser.find(By.id("tabs:alertsForm:url"));
    browser.idle();
    browser.type(By.id("tabs:alertsForm:name"), "CRM");
    browser.type(By.id("tabs:alertsForm:url"), "http://127.0.0.1:9/hooks/wabots");
    browser.type(By.id("tabs:alertsForm:secret"), "short");
    browser.click(By.id("tabs:alertsForm:save"));
    browser.idle();
    assertTrue(fleet.fieldMessage("alertsForm", "secret").startsWith("must be 16 to 256 characters"));

    browser.type(By.id("tabs:alertsForm:secret"), "0123456789abcdef-signing");
    browser.clearGrowls();
    browser.click(By.id("tabs:alertsForm:save"));
    browser.growl("Канал сохранён");
    browser.find(By.cssSelector(".channel-name[data-type='webhook']"));
    JsonNode channels = admin.get("/admin/whatsapp/instances/" + other + "/notifications").json().get("channels");
    assertEquals(1, channels.size(), channels.toString());
    assertEquals("webhook", channels.get(0).get("type").asText());
    assertTrue(channels.get(0).toString().contains("http://127.0.0.1:9/hooks/wabots"), channels.toString());
    assertFalse(channels.get(0).toString().contains("0123456789abcdef-signing"), "the secret is masked");

    // Nothing listens on port 9: the test fails and the channel shows why.
    browser.click(By.cssSelector(".channel-rows button[id$=':test']"));
    browser.waitUntil(d -> !d.findElements(By.cssSelector(".channel-rows [data-last-error]")).isEmpty());
  }

  static HttpResponse<byte[]> download(URI uri) throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(uri).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
