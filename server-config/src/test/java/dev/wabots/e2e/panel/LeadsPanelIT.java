package dev.wabots.e2e.panel;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.Launched;
import dev.wabots.e2e.LeadSeed;
import dev.wabots.leads.control.XlsxFile;
import dev.wabots.leads.control.XlsxFile.Cell;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Download;
import dev.wabots.testing.Api.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * flagged ones to an admin; each filter (bot, stage, segment, paid, the days set in the date
 * pickers) narrows the table and the exports; the XLSX button and {@code /admin/leads.xlsx} give the
 * filter as a workbook of typed cells, to whom the list would show it. A bad e-mail in the profile is refused under the field with the API's
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
  static Instant seeded;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser);

  @BeforeAll
  static void start() throws Exception {
    run = Launched.start("panel-leads", Map.of("WABOTS_ADMIN_PASSWORD", ADMIN_PASSWORD));
    admin = run.api().login("admin", ADMIN_PASSWORD);
    bot = create("Leads Bot");
    other = create("Other Bot");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    seeded = now;
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

  @Test
  void filtersByStage() {
    openLeads();
    awaitLeads(Set.of(anna, boris, carl));
    pick("leadsForm:stageFilter", "custom_step_5");
    awaitLeads(Set.of(carl, boris));
    assertTrue(exportHref("leadsForm:export").contains("stage=custom_step_5"));
    pick("leadsForm:stageFilter", "custom_step_1");
    awaitLeads(Set.of());
    assertTrue(browser.text(By.id("leadsForm:leads")).contains("Лидов пока нет"), browser.text(By.id("leadsForm:leads")));
    pick("leadsForm:stageFilter", "");
    awaitLeads(Set.of(anna, boris, carl));
  }

  @Test
  void filtersBySegmentAndCombinesItWithTheBot() {
    openLeads();
    pick("leadsForm:segmentFilter", "DIY");
    awaitLeads(Set.of(boris));
    pick("leadsForm:segmentFilter", "CUSTOM");
    awaitLeads(Set.of(anna, carl));
    pick("leadsForm:botFilter", other);
    awaitLeads(Set.of());
    pick("leadsForm:botFilter", bot);
    awaitLeads(Set.of(anna, carl));
    String href = exportHref("leadsForm:exportXlsx");
    assertTrue(href.contains("segment=CUSTOM") && href.contains("bot=" + bot), href);
  }

  /**
   * Sets a date picker to a day the way picking it in the calendar does — through the widget, which
   * writes the day into the input in its own pattern (dd.MM.yyyy in the Russian panel) and fires
   * the change — or empties it as deleting its text and leaving the field does. (Typed keys race
   * the calendar's overlay, which opens on focus.)
   */
  static void setDay(String pickerId, LocalDate day) {
    if (day == null) {
      browser.script("var w = PrimeFaces.getWidgetById(arguments[0]);"
          + " w.input.val(''); w.input.trigger('input'); w.input.trigger('change');", pickerId);
    } else {
      browser.script("PrimeFaces.getWidgetById(arguments[0]).setDate(new Date(arguments[1], arguments[2] - 1,"
          + " arguments[3]));", pickerId, day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }
    browser.idle();
    String expected = day == null ? "" : day.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
    assertEquals(expected, browser.attribute(By.id(pickerId + "_input"), "value"), "the picker shows the day");
  }

  @Test
  void filtersByTheDaysFirstSeenPickedInTheDatePickers() {
    LocalDate annaDay = LocalDate.ofInstant(seeded.minus(2, ChronoUnit.DAYS), ZoneOffset.UTC);
    openLeads();
    setDay("leadsForm:from", annaDay);
    awaitLeads(Set.of(anna, carl));
    setDay("leadsForm:to", annaDay);
    awaitLeads(Set.of(anna));
    String href = exportHref("leadsForm:export");
    assertTrue(href.contains("from=" + annaDay) && href.contains("to=" + annaDay), href);
    setDay("leadsForm:from", null);
    awaitLeads(Set.of(anna, boris));
    setDay("leadsForm:to", annaDay.minusDays(2));
    awaitLeads(Set.of());
  }

  @Test
  void theXlsxButtonDownloadsTheFilterAsAWorkbookOfTypedCells() throws Exception {
    openLeads();
    pick("leadsForm:segmentFilter", "CUSTOM");
    awaitLeads(Set.of(anna, carl));
    String href = exportHref("leadsForm:exportXlsx");
    assertTrue(href.contains("segment=CUSTOM") && href.contains("format=xlsx"), href);
    HttpResponse<byte[]> xlsx = download(URI.create(href));
    assertEquals(200, xlsx.statusCode(), xlsx.headers().map().toString());
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx.headers().firstValue("Content-Type").orElse(""));
    assertTrue(xlsx.headers().firstValue("Content-Disposition").orElse("").matches(
        "attachment; filename=\"leads-\\d{4}-\\d{2}-\\d{2}\\.xlsx\""), xlsx.headers().map().toString());
    XlsxFile file = new XlsxFile(xlsx.body());
    assertEquals(csvHeader(), file.rows.get(0).stream().map(Cell::value).toList(), "the CSV's columns");
    assertEquals(Set.of(anna, carl), ids(file));
    Cell name = row(file, anna).get(3);
    assertEquals(List.of("inlineStr", "Анна; \"Цветы\""), List.of(name.type(), name.value()));
  }

  @Test
  void theApisXlsxFollowsTheFiltersAndShowsEachCallerOnlyTheLeadsTheyMaySee() throws Exception {
    Download all = admin.download("/admin/leads.xlsx");
    assertEquals(200, all.status(), new String(all.body(), StandardCharsets.UTF_8));
    assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", all.header("Content-Type"));
    assertTrue(all.header("Content-Disposition").startsWith("attachment; filename=\"leads-"), all.headers().toString());
    XlsxFile file = new XlsxFile(all.body());
    assertEquals(csvHeader(), file.rows.get(0).stream().map(Cell::value).toList());
    assertEquals(Set.of(anna, boris, carl), ids(file));

    // Typed: the id and amounts are numbers, the phone text, the first seen a date (UTC).
    List<Cell> a = row(file, anna);
    List<String> titles = csvHeader();
    Cell phone = a.stream().filter(c -> c.ref().startsWith(column(titles, "phone"))).findFirst().orElseThrow();
    assertEquals(List.of("inlineStr", "79001110001"), List.of(phone.type(), phone.value()));
    assertEquals("150000", value(a, titles, "quote_low"));
    assertEquals("150000.00", value(a, titles, "paid_amount"));
    double firstAt = Double.parseDouble(value(a, titles, "first_at"));
    assertEquals(seeded.minus(2, ChronoUnit.DAYS).getEpochSecond(), Math.round((firstAt - 25_569) * 86_400));

    assertEquals(Set.of(anna), ids(xlsx(admin, "?bot=" + bot + "&paid=true")));
    assertEquals(Set.of(boris), ids(xlsx(admin, "?segment=diy")));
    assertEquals(Set.of(carl, boris), ids(xlsx(admin, "?stage=custom_step_5")));
    LocalDate annaDay = LocalDate.ofInstant(seeded.minus(2, ChronoUnit.DAYS), ZoneOffset.UTC);
    assertEquals(Set.of(anna), ids(xlsx(admin, "?from=" + annaDay + "&to=" + annaDay)));
    assertEquals(Set.of(anna, boris), ids(xlsx(admin, "?to=" + annaDay)));

    // Bad filters: a 400 in JSON naming the parameter, before any file starts.
    for (String[] bad : List.of(new String[] {"?paid=maybe", "paid"}, new String[] {"?from=04.12.2026", "from"},
        new String[] {"?to=yesterday", "to"})) {
      Download refused = admin.download("/admin/leads.xlsx" + bad[0]);
      assertEquals(400, refused.status(), bad[0]);
      assertTrue(refused.header("Content-Type").startsWith("application/json"), refused.headers().toString());
      assertEquals(bad[1], refused.json().get("fields").get(0).get("field").asText(), refused.json().toString());
    }

    // Who may see what: the same rules as the list.
    assertEquals(401, new Api(run.base()).download("/admin/leads.xlsx").status());
    Api user = account("xlsx-user", "user");
    user.post("/admin/whatsapp/instances", json("name", "Users Own Bot"));
    assertEquals(Set.of(), ids(xlsx(user, "")), "a user sees the leads of their own bots only");
    Download foreign = user.download("/admin/leads.xlsx?bot=" + bot);
    assertEquals(404, foreign.status(), "another's bot is not there for a user");
    assertEquals(Set.of(anna, boris, carl), ids(xlsx(account("xlsx-guest", "guest"), "")), "a guest reads all");
  }

  static Api account(String name, String role) {
    Reply r = admin.post("/admin/users", json("username", name, "password", "password-" + name, "role", role));
    assertEquals(201, r.status(), r.toString());
    return new Api(run.base()).login(name, "password-" + name);
  }

  static XlsxFile xlsx(Api api, String query) throws Exception {
    Download d = api.download("/admin/leads.xlsx" + query);
    assertEquals(200, d.status(), query + ": " + new String(d.body(), StandardCharsets.UTF_8));
    return new XlsxFile(d.body());
  }

  /** The ids of a workbook's leads: column A, numbers. */
  static Set<Long> ids(XlsxFile file) {
    return file.rows.stream().skip(1).map(r -> {
      Cell id = r.get(0);
      assertEquals("A", id.ref().replaceAll("[0-9]", ""));
      assertEquals("", id.type(), "the id is a number: " + id);
      return Long.parseLong(id.value());
    }).collect(Collectors.toSet());
  }

  static List<Cell> row(XlsxFile file, long lead) {
    return file.rows.stream().filter(r -> r.get(0).value().equals(Long.toString(lead))).findFirst().orElseThrow();
  }

  /** The letter of a column of the export, by its title. */
  static String column(List<String> titles, String title) {
    return dev.wabots.leads.control.XlsxWriter.column(titles.indexOf(title));
  }

  static String value(List<Cell> row, List<String> titles, String title) {
    String letter = column(titles, title);
    Cell cell = row.stream().filter(c -> c.ref().replaceAll("[0-9]", "").equals(letter)).findFirst().orElseThrow();
    assertEquals("", cell.type(), title + " is a number: " + cell);
    return cell.value();
  }

  /** The CSV export's header, as the API writes it with ',' between fields. */
  static List<String> csvHeader() {
    String csv = admin.get("/admin/leads.csv?sep=,&bot=" + other).body();
    return List.of(csv.substring(1, csv.indexOf("\r\n")).split(","));
  }

  /** The address of an export button (a link button renders as a link or inside one). */
  static String exportHref(String clientId) {
    return browser.attribute(By.cssSelector("[id='" + clientId + "'] a, a[id='" + clientId + "']"), "href");
  }

  static HttpResponse<byte[]> download(URI uri) throws Exception {
    Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(uri).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
