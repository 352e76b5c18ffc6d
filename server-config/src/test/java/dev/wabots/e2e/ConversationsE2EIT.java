package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conversations reach the orchestrator from the bots' event streams: the inbox, hand-off to a
 * person and back, the roles, and an orchestrator outage that loses and doubles nothing.
 */
class ConversationsE2EIT {

  static final String SECRET = "fedcba9876543210fedcba9876543210";
  static final String NUMBER_ID = "106540352249999";
  static final java.util.concurrent.atomic.AtomicLong PHONES =
      new java.util.concurrent.atomic.AtomicLong(79_170_000_000L + (System.nanoTime() % 1_000_000));

  static Launched run;
  static Api admin;
  static String bot;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    run = Launched.start("conversations", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password"));
    admin = run.api().login("admin", "e2e-admin-password");
    port = Launched.freePort();
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Inbox " + UUID.randomUUID().toString()
        .substring(0, 6), "webhook_port", port, "app_secret", SECRET, "verify_token", "conv-verify",
        "phone_number_id", NUMBER_ID, "access_token", "EAAG-e2e-conversations-0001"));
    assertEquals(201, created.status(), created.toString());
    bot = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + bot + "/start", null).status());
    Bots.awaitStatus(admin, bot, Bots::running, Duration.ofSeconds(180));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  static String phone() {
    return Long.toString(PHONES.incrementAndGet());
  }

  /** A text message signed as Meta signs it, posted straight to the bot's port. */
  static java.net.http.HttpResponse<String> postWebhook(String from, String text) throws Exception {
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\",\"changes\":[{"
        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
        + "\"display_phone_number\":\"15550001234\",\"phone_number_id\":\"" + NUMBER_ID + "\"},"
        + "\"contacts\":[{\"wa_id\":\"" + from + "\",\"profile\":{\"name\":\"Test User\"}}],"
        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid.conv" + UUID.randomUUID().toString().replace("-", "")
        + "\",\"timestamp\":\"" + java.time.Instant.now().getEpochSecond() + "\",\"type\":\"text\","
        + "\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(bytes));
    return WebhookSandboxE2EIT.HTTP.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/webhook"))
        .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the conversation's row satisfies the condition; returns it. */
  static JsonNode awaitConversation(Api api, String id, String phone, Predicate<JsonNode> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Reply last = null;
    while (System.nanoTime() < deadline) {
      last = api.get("/admin/conversations/" + id + "/" + phone);
      if (last.status() == 200 && condition.test(last.json().get("conversation"))) {
        return last.json().get("conversation");
      }
      Thread.sleep(150);
    }
    throw new AssertionError("conversation " + id + "/" + phone + " never matched; last: " + last);
  }

  static List<JsonNode> messages(Api api, String id, String phone) {
    Reply r = api.get("/admin/conversations/" + id + "/" + phone + "/messages?after=0");
    assertEquals(200, r.status(), r.toString());
    List<JsonNode> out = new ArrayList<>();
    r.json().get("messages").forEach(out::add);
    return out;
  }

  @Test
  void aCustomerAskingForAManagerWaitsForAPersonAndTheThreadHasBothDirections() throws Exception {
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("Здравствуйте, позовите менеджера");
    JsonNode row = awaitConversation(admin, bot, customer, c -> c.get("state").asText().equals("needs_person"));
    assertEquals("asked_for_person", row.get("reason").asText());
    assertEquals("Test User", row.get("name").asText());
    assertTrue(row.get("sandbox").asBoolean());
    chat.await(p -> true, Duration.ofSeconds(30)); // the bot answers meanwhile
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);
    List<JsonNode> thread = messages(admin, bot, customer);
    assertEquals("in", thread.get(0).get("direction").asText());
    assertEquals("customer", thread.get(0).get("author").asText());
    assertEquals("Здравствуйте, позовите менеджера", thread.get(0).get("text").asText());
    assertTrue(thread.stream().anyMatch(m -> m.get("direction").asText().equals("out")
        && m.get("author").asText().equals("bot")), thread.toString());
    JsonNode list = admin.get("/admin/conversations?state=needs_person&bot=" + bot).json();
    assertTrue(list.get("total").asLong() >= 1);
    assertTrue(contains(list, customer));
    assertTrue(contains(admin.get("/admin/conversations?q=" + customer.substring(4)).json(), customer), "search by phone");
    assertEquals(400, admin.get("/admin/conversations?state=lost").status());
    assertEquals(400, admin.get("/admin/conversations?size=0").status());
    assertEquals(404, admin.get("/admin/conversations/" + bot + "/70000000000").status());
  }

  @Test
  void handOffSettingsAreShownCheckedAndABotWithPersonWordsOffKeepsTheCustomer() throws Exception {
    JsonNode defaults = admin.get("/admin/whatsapp/instances/" + bot).json().get("instance");
    for (String s : List.of("handoff_on_contact", "handoff_on_person_words", "handoff_on_ai_failure",
        "handoff_on_too_expensive")) {
      assertTrue(defaults.get(s).asBoolean(), s + " is on by default: " + defaults);
    }
    assertEquals(12, defaults.get("handback_after_hours").asInt());
    assertEquals(180, defaults.get("message_retention_days").asInt());
    Reply bad = admin.put("/admin/whatsapp/instances/" + bot, json("handback_after_hours", 0,
        "message_retention_days", 5000));
    assertEquals(400, bad.status(), bad.toString());
    assertEquals(List.of("handback_after_hours", "message_retention_days"), bad.errorFields(), bad.toString());
    assertTrue(bad.body().contains("from 1 to 720"), bad.toString());
    Reply notBoolean = admin.put("/admin/whatsapp/instances/" + bot, json("handoff_on_person_words", "no"));
    assertEquals(400, notBoolean.status(), notBoolean.toString());
    assertEquals(List.of("handoff_on_person_words"), notBoolean.errorFields());
    assertEquals(12, admin.get("/admin/whatsapp/instances/" + bot).json().get("instance").get("handback_after_hours")
        .asInt(), "nothing saved");

    // No AI backend in this run: the AI fails for every question, so that switch goes off too.
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Quiet " + UUID.randomUUID().toString()
        .substring(0, 6), "webhook_port", Launched.freePort(), "handoff_on_person_words", false,
        "handoff_on_ai_failure", false, "handback_after_hours", 2, "message_retention_days", 30));
    assertEquals(201, created.status(), created.toString());
    JsonNode quiet = created.json().get("instance");
    assertFalse(quiet.get("handoff_on_person_words").asBoolean());
    assertTrue(quiet.get("handoff_on_contact").asBoolean());
    assertEquals(2, admin.get("/admin/whatsapp/instances/" + quiet.get("id").asText()).json().get("instance")
        .get("handback_after_hours").asInt());
    String id = quiet.get("id").asText();
    try {
      assertEquals(200, admin.post("/admin/whatsapp/instances/" + id + "/start", null).status());
      Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(180));
      String customer = phone();
      SandboxChat chat = new SandboxChat(admin, id, customer);
      chat.say("Здравствуйте, позовите менеджера");
      chat.await(p -> true, Duration.ofSeconds(30)); // the bot answers itself
      // Events arrive in order and a hand-off request is recorded before the answer is sent: once the
      // answer is in the thread, a request would be too.
      JsonNode row = awaitConversation(admin, id, customer, c -> c.get("messages").asLong() >= 2);
      assertEquals("bot", row.get("state").asText(), "no person asked for: " + row);
    } finally {
      admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
    }
  }

  @Test
  void anOperatorTakesOverRepliesAndHandsBack() throws Exception {
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);

    Reply taken = admin.post("/admin/conversations/" + bot + "/" + customer + "/takeover", null);
    assertEquals(200, taken.status(), taken.toString());
    awaitConversation(admin, bot, customer, c -> c.get("state").asText().equals("with_person")
        && c.get("operator").asText().equals("admin"));
    int repliesBefore = chat.replies().size();
    chat.say("А можно скидку?");
    awaitConversation(admin, bot, customer, c -> c.get("last_text").asText().equals("А можно скидку?"));
    Thread.sleep(1500);
    assertEquals(repliesBefore, chat.replies().size(), "the bot stays silent while a person has the customer");

    Reply reply = admin.post("/admin/conversations/" + bot + "/" + customer + "/reply",
        json("text", "Здравствуйте! Да, *5 %* до пятницы."));
    assertEquals(202, reply.status(), reply.toString());
    chat.awaitText("Да, *5 %* до пятницы.");
    awaitConversation(admin, bot, customer, c -> c.get("last_text").asText().contains("5 %"));
    JsonNode last = messages(admin, bot, customer).stream().reduce((a, b) -> b).orElseThrow();
    assertEquals("admin", last.get("author").asText(), "marked with the operator's name");

    assertEquals(400, admin.post("/admin/conversations/" + bot + "/" + customer + "/reply", json("text", "")).status());
    assertEquals(400, admin.post("/admin/conversations/" + bot + "/" + customer + "/reply",
        json("text", "a", "template", json("name", "x"))).status());
    assertEquals(400, admin.post("/admin/conversations/" + bot + "/" + customer + "/reply", "[").status());

    Reply back = admin.post("/admin/conversations/" + bot + "/" + customer + "/handback", null);
    assertEquals(200, back.status(), back.toString());
    chat.awaitOffer("sales:start_quiz"); // "I'm back" and the menu
    awaitConversation(admin, bot, customer, c -> c.get("state").asText().equals("bot"));
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    String audit = admin.get("/admin/audit?limit=50").body();
    assertTrue(audit.contains("conversation.take_over") && audit.contains("conversation.reply")
        && audit.contains("conversation.hand_back"), audit);
  }

  @Test
  void theRealBotsCountersReachTheOrchestratorsMetrics() throws Exception {
    String customer = phone();
    assertEquals(200, postWebhookOnce(customer, "hello").statusCode());
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    dev.wabots.testing.PrometheusText.Scrape s = null;
    while (System.nanoTime() < deadline) {
      Reply r = admin.get("/metrics");
      assertEquals(200, r.status(), r.toString());
      s = dev.wabots.testing.PrometheusText.parse(r.body());
      if (s.has("wabots_bot_webhooks_accepted_total", "bot", bot)
          && s.value("wabots_bot_webhooks_accepted_total", "bot", bot) >= 1 && sent(s) >= 1) {
        break;
      }
      Thread.sleep(500);
    }
    assertTrue(s.value("wabots_bot_webhooks_accepted_total", "bot", bot) >= 1, "the bot handed over its webhook count");
    assertTrue(sent(s) >= 1, "and what it sent");
    assertEquals(1, s.value("wabots_bot_state", "bot", bot, "state", "running"));
    assertTrue(s.samples().stream().anyMatch(x -> x.name().equals("wabots_bot_funnel_events_total")
        && bot.equals(x.labels().get("bot"))), "funnel events by name");
    assertTrue(s.has("wabots_bot_event_delivery_lag_seconds", "bot", bot));
    java.net.http.HttpResponse<String> onBotPort = WebhookSandboxE2EIT.HTTP.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(404, onBotPort.statusCode(), "no metrics on the bot's own port");
  }

  @Test
  void aBackupOfTheRunningSystemHasEveryDatabaseAndTheKeysApartAndRestoreWaitsForAStop() throws Exception {
    String customer = phone();
    assertEquals(200, postWebhookOnce(customer, "backup me").statusCode());
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);
    java.nio.file.Path dir = run.dir.resolve("backup-" + UUID.randomUUID().toString().substring(0, 6));
    Launched.CommandResult backup = run.wabots(null, "backup", dir.toString());
    assertEquals(0, backup.status(), backup.output());
    assertTrue(backup.output().contains("WARNING: " + dir.resolve("KEYS-SECRET.zip")), backup.output());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("secretary.db"));
        var q = c.prepareStatement("SELECT COUNT(*) FROM conversations WHERE bot_id = ? AND phone = ?")) {
      q.setString(1, bot);
      q.setString(2, customer);
      try (var r = q.executeQuery()) {
        assertTrue(r.next() && r.getInt(1) == 1, "the orchestrator's database, with the new conversation");
      }
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wa_sales_" + bot + ".db"));
        var q = c.prepareStatement("SELECT COUNT(*) FROM inbox WHERE phone = ?")) {
      q.setString(1, customer);
      try (var r = q.executeQuery()) {
        assertTrue(r.next() && r.getInt(1) == 1, "the bot's database, with the customer's message");
      }
    }
    Launched.CommandResult refused = run.wabots(null, "restore", dir.toString());
    assertEquals(1, refused.status(), refused.output());
    assertTrue(refused.output().contains("the orchestrator runs"), refused.output());
    assertEquals(200, admin.get("/admin/conversations/" + bot + "/" + customer).status(), "nothing was touched");
  }

  /**
   * The operator's whole restore: a backup of the running system, then changes (a customer erased,
   * a bot deleted, another bot and customer added), the orchestrator stopped with Ctrl-C, restore
   * refused while a bot still runs, {@code stop-all}, restore — and the next orchestrator has the
   * data of the backup, in its database and in the bot's, and starts the bot again by itself.
   */
  @Test
  void aRestoredBackupBringsBackTheBotsConversationsAndLeadsAndTheBotStartsAgain() throws Exception {
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);
    String lead = awaitLead(customer, l -> true).get("id").asText();
    Reply kept = admin.post("/admin/whatsapp/instances", json("name", "Kept " + UUID.randomUUID().toString().substring(0, 6),
        "webhook_port", Launched.freePort()));
    assertEquals(201, kept.status(), kept.toString());
    String keptBot = kept.json().get("instance").get("id").asText();
    java.nio.file.Path dir = run.dir.resolve("restore-" + UUID.randomUUID().toString().substring(0, 6));
    Launched.CommandResult backup = run.wabots(null, "backup", dir.toString());
    assertEquals(0, backup.status(), backup.output());

    // After the backup: what the restore must undo.
    assertEquals(200, admin.delete("/admin/conversations/" + bot + "/" + customer).status());
    assertEquals(404, admin.get("/admin/leads/" + lead).status(), "erased with the customer");
    assertEquals(204, admin.delete("/admin/whatsapp/instances/" + keptBot).status());
    assertEquals(404, admin.get("/admin/whatsapp/instances/" + keptBot).status());
    Reply added = admin.post("/admin/whatsapp/instances", json("name", "Added later", "webhook_port", Launched.freePort()));
    assertEquals(201, added.status(), added.toString());
    String addedBot = added.json().get("instance").get("id").asText();
    String later = phone();
    SandboxChat laterChat = new SandboxChat(admin, bot, later);
    laterChat.say("привет");
    laterChat.awaitOffer("sales:start_quiz");
    awaitConversation(admin, bot, later, c -> c.get("messages").asLong() >= 2);

    run.interrupt(Duration.ofSeconds(60)); // Ctrl-C: the bot keeps serving
    Launched.CommandResult refused = run.wabots(null, "restore", dir.toString());
    assertEquals(1, refused.status(), refused.output());
    assertTrue(refused.output().contains("bot " + bot + " still runs"), refused.output());
    Launched.CommandResult stopped = run.wabots(null, "stop-all");
    assertEquals(0, stopped.status(), stopped.output());
    Launched.CommandResult restored = run.wabots(null, "restore", dir.toString());
    assertEquals(0, restored.status(), restored.output());
    assertTrue(restored.output().contains("restored secretary.db") && restored.output().contains("restored wa_sales_" + bot + ".db")
        && restored.output().contains("restored the keys"), restored.output());
    assertTrue(restored.output().contains("before-restore-"), "what was there is kept aside: " + restored.output());

    run = run.again();
    admin = run.api().login("admin", "e2e-admin-password");
    assertEquals(200, admin.get("/admin/whatsapp/instances/" + keptBot).status(), "the deleted bot is back");
    assertEquals(404, admin.get("/admin/whatsapp/instances/" + addedBot).status(), "the later bot is gone");
    Reply conversation = admin.get("/admin/conversations/" + bot + "/" + customer);
    assertEquals(200, conversation.status(), "the erased conversation is back: " + conversation);
    long messages = conversation.json().get("conversation").get("messages").asLong();
    assertTrue(messages >= 2, conversation.toString());
    assertEquals(200, admin.get("/admin/leads/" + lead).status(), "and its lead");
    assertEquals(404, admin.get("/admin/conversations/" + bot + "/" + later).status(), "the later customer is gone");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + run.data.resolve("wa_sales_" + bot + ".db"));
        var q = c.prepareStatement("SELECT phone, COUNT(*) FROM inbox WHERE phone IN (?, ?) GROUP BY phone")) {
      q.setString(1, customer);
      q.setString(2, later);
      Map<String, Integer> inbox = new java.util.HashMap<>();
      try (var r = q.executeQuery()) {
        while (r.next()) {
          inbox.put(r.getString(1), r.getInt(2));
        }
      }
      assertEquals(Map.of(customer, 1), inbox, "the bot's own database is the backup's too");
    }

    // The bot was running when the backup was taken: the restored orchestrator starts it, and it answers.
    Bots.awaitStatus(admin, bot, Bots::running, Duration.ofSeconds(180));
    chat.say("привет"); // the same chat: only replies after those before the backup count
    chat.awaitOffer("sales:start_quiz");
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() > messages);
  }

  /**
   * A webhook after a pause: the bot may have closed the client's idle keep-alive connection, which
   * the client finds out only by sending on it; once more then (a new wamid each time, so no double).
   */
  static java.net.http.HttpResponse<String> postWebhookOnce(String from, String text) throws Exception {
    try {
      return postWebhook(from, text);
    } catch (java.io.IOException closedWhileIdle) {
      return postWebhook(from, text);
    }
  }

  static double sent(dev.wabots.testing.PrometheusText.Scrape s) {
    return s.samples().stream().filter(x -> x.name().equals("wabots_bot_messages_sent_total") && bot.equals(x.labels().get("bot")))
        .mapToDouble(dev.wabots.testing.PrometheusText.Sample::value).sum();
  }

  @Test
  void aUserSeesOnlyConversationsOfTheirOwnBotsAndAGuestCannotReply() throws Exception {
    String customer = phone();
    new SandboxChat(admin, bot, customer).say("привет");
    awaitConversation(admin, bot, customer, c -> true);
    assertEquals(201, admin.post("/admin/users", json("username", "conv-user", "password", "Conv-user-Pass-9x",
        "role", "user")).status());
    assertEquals(201, admin.post("/admin/users", json("username", "conv-guest", "password", "Conv-guest-Pass-9x",
        "role", "guest")).status());
    Api user = run.api().login("conv-user", "Conv-user-Pass-9x");
    Api guest = run.api().login("conv-guest", "Conv-guest-Pass-9x");
    assertEquals(404, user.get("/admin/conversations/" + bot + "/" + customer).status());
    assertEquals(404, user.get("/admin/conversations/" + bot + "/" + customer + "/messages").status());
    assertFalse(contains(user.get("/admin/conversations").json(), customer));
    assertEquals(404, user.post("/admin/conversations/" + bot + "/" + customer + "/reply", json("text", "hi")).status());
    assertEquals(200, guest.get("/admin/conversations/" + bot + "/" + customer + "/messages").status());
    assertEquals(403, guest.post("/admin/conversations/" + bot + "/" + customer + "/reply", json("text", "hi")).status());
    assertEquals(403, guest.post("/admin/conversations/" + bot + "/" + customer + "/takeover", null).status());
    assertEquals(401, run.api().get("/admin/conversations").status());
  }

  @Test
  void erasingACustomerRemovesThemFromTheBotAndTheOrchestrator() throws Exception {
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    awaitConversation(admin, bot, customer, c -> c.get("messages").asLong() >= 2);
    Reply erased = admin.delete("/admin/conversations/" + bot + "/" + customer);
    assertEquals(200, erased.status(), erased.toString());
    assertEquals(404, admin.get("/admin/conversations/" + bot + "/" + customer).status());
    Thread.sleep(1500); // the bot's own "erased" event arrives and changes nothing more
    assertEquals(404, admin.get("/admin/conversations/" + bot + "/" + customer).status());
    assertTrue(admin.get("/admin/audit?limit=20").body().contains("conversation.erase"));
  }

  @Test
  void anOrchestratorOutageLosesAndDoublesNoEvent() throws Exception {
    List<String> customers = List.of(phone(), phone(), phone());
    for (String c : customers) {
      SandboxChat chat = new SandboxChat(admin, bot, c);
      chat.say("привет");
      chat.awaitOffer("sales:start_quiz");
    }
    for (String c : customers) {
      awaitConversation(admin, bot, c, row -> row.get("messages").asLong() >= 2);
    }
    run.kill9();
    // While the orchestrator is down, customers keep writing (Meta delivers to the bot directly).
    for (String c : customers) {
      for (int i = 1; i <= 3; i++) {
        assertEquals(200, postWebhook(c, "во время простоя " + i).statusCode());
      }
    }
    Thread.sleep(10_000);
    run = run.again();
    admin = run.api().login("admin", "e2e-admin-password");
    // The bot retries with a backoff of up to 30 s while the orchestrator was away.
    for (String c : customers) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (messages(admin, bot, c).stream().filter(m -> m.get("direction").asText().equals("in")).count() < 4
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
    }
    Thread.sleep(3_000);
    for (String c : customers) {
      List<JsonNode> thread = messages(admin, bot, c);
      List<String> inbound = thread.stream().filter(m -> m.get("direction").asText().equals("in"))
          .map(m -> m.get("text").asText()).toList();
      assertEquals(List.of("привет", "во время простоя 1", "во время простоя 2", "во время простоя 3"), inbound,
          "every message once, in order: " + c);
      Set<String> seqs = new HashSet<>();
      thread.forEach(m -> assertTrue(seqs.add(m.get("seq").asText()), "no message twice: " + thread));
    }
  }

  // ------------------------------------------------------------------ leads, payments, profile

  static final String WALLET = "4100116075156746";
  static final String WALLET_SECRET = "e2e-wallet-notification-secret";

  /** The business's own profile; the running bot takes it at once. */
  static void ownProfile() {
    Reply r = admin.put("/admin/whatsapp/instances/" + bot + "/profile", "{\"contact_phone\":\"+7 912 345-67-89\","
        + "\"contact_email\":\"sales@shop.example.ru\",\"contact_messenger\":\"https://t.me/shop_sales\","
        + "\"working_hours\":\"пн–пт 9:00–18:00\",\"yoomoney_receiver\":\"" + WALLET + "\","
        + "\"yoomoney_secret\":\"" + WALLET_SECRET + "\",\"prices\":{\"turnkey_install\":7000}}");
    assertEquals(200, r.status(), r.toString());
    JsonNode profile = r.json().get("profile");
    assertEquals("the running bot uses it now", profile.get("applied").asText(), profile.toString());
    assertEquals(0, profile.get("placeholders").size(), profile.toString());
    assertTrue(profile.get("profile").get("yoomoney_secret").asText().startsWith("••••"), "the secret is masked");
    assertFalse(r.body().contains(WALLET_SECRET), "never shown");
  }

  /** A YooMoney notification signed the way YooMoney documents it (SHA-1 over the listed fields). */
  static String notification(String operation, String amount, String withdraw, String label, String secret)
      throws Exception {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("notification_type", "p2p-incoming");
    f.put("operation_id", operation);
    f.put("amount", amount);
    f.put("withdraw_amount", withdraw);
    f.put("currency", "643");
    f.put("datetime", "2026-12-03T12:00:00.000+03:00");
    f.put("sender", "41001000040");
    f.put("codepro", "false");
    f.put("label", label);
    String signed = String.join("&", f.get("notification_type"), operation, amount, "643", f.get("datetime"),
        f.get("sender"), "false", secret, label);
    f.put("sha1_hash", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
        .digest(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    f.put("test_notification", "false");
    f.put("unaccepted", "false");
    StringBuilder form = new StringBuilder();
    f.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return form.toString();
  }

  static java.net.http.HttpResponse<String> postPayment(String form) throws Exception {
    return WebhookSandboxE2EIT.HTTP.send(java.net.http.HttpRequest.newBuilder(run.base().resolve("/payments/yoomoney"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the customer's lead satisfies the condition; returns it. */
  static JsonNode awaitLead(String phone, Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode item : admin.get("/admin/leads?bot=" + bot + "&size=200").json().get("items")) {
        if (item.get("phone").asText().equals(phone)) {
          last = item;
          if (condition.test(item)) {
            return item;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the lead of " + phone + " never matched; last: " + last);
  }

  @Test
  void theCustomPathBecomesALeadWithEveryAnswerAndTheQuote() throws Exception {
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    chat.tap("sales:start_quiz");
    chat.awaitOffer("sales:qt_business");
    chat.tap("sales:qt_business");
    chat.awaitOffer("sales:qi_gpu");
    chat.tap("sales:qi_gpu");
    chat.awaitOffer("sales:custom_start");
    chat.tap("sales:custom_start");
    chat.await(p -> true, Duration.ofSeconds(30));
    chat.say("Бот для записи клиентов в салон");
    chat.awaitOffer("sales:cv_vol_high");
    chat.tap("sales:cv_vol_high");
    chat.awaitOffer("sales:ci_int_bitrix");
    chat.tap("sales:ci_int_bitrix");
    chat.awaitOffer("sales:ci_done");
    chat.tap("sales:ci_done");
    chat.awaitOffer("sales:ct_time_month");
    chat.tap("sales:ct_time_month");
    chat.awaitOffer("sales:cb_budget_100");
    chat.tap("sales:cb_budget_100");
    JsonNode lead = awaitLead(customer, l -> !l.path("quote").path("high").isMissingNode()
        && l.path("quote").path("high").asLong() > 0);
    assertEquals("CUSTOM", lead.get("segment").asText(), lead.toString());
    assertEquals("custom", lead.get("path").asText());
    assertEquals("Test User", lead.get("name").asText());
    assertEquals("new", lead.get("status").asText());
    assertEquals("business", lead.get("quiz").get("tech").asText().replace("tech_", ""), lead.toString());
    JsonNode discovery = lead.get("discovery");
    assertEquals("Бот для записи клиентов в салон", discovery.get("task").asText(), discovery.toString());
    assertTrue(discovery.get("volume").asText().contains("high"), discovery.toString());
    assertTrue(discovery.get("integrations").toString().contains("bitrix"), discovery.toString());
    assertTrue(discovery.get("timeline").asText().contains("month"), discovery.toString());
    assertTrue(discovery.get("budget").asText().contains("100"), discovery.toString());
    assertTrue(lead.get("quote").get("low").asLong() > 0 && lead.get("quote").get("low").asLong()
        <= lead.get("quote").get("high").asLong(), lead.toString());
    JsonNode one = admin.get("/admin/leads/" + lead.get("id").asText()).json().get("lead");
    assertEquals(customer, one.get("phone").asText());
    Reply worked = admin.send("PATCH", "/admin/leads/" + lead.get("id").asText(), json("status", "in_progress", "notes",
        "перезвонить в пятницу"));
    assertEquals(200, worked.status(), worked.toString());
    assertEquals("in_progress", worked.json().get("lead").get("status").asText());
    assertEquals(400, admin.send("PATCH", "/admin/leads/" + lead.get("id").asText(), json("status", "maybe")).status());
    Reply csv = admin.get("/admin/leads.csv?bot=" + bot);
    assertEquals(200, csv.status());
    assertTrue(csv.body().startsWith("\uFEFF"), "Excel reads UTF-8 with the BOM");
    assertTrue(csv.body().contains(customer) && csv.body().contains("перезвонить в пятницу"), csv.body());
  }

  @Test
  void aSignedYooMoneyNotificationMarksTheLeadPaidAndTheCustomerIsToldAForgedOneChangesNothing() throws Exception {
    ownProfile();
    String customer = phone();
    SandboxChat chat = new SandboxChat(admin, bot, customer);
    chat.say("привет");
    chat.awaitOffer("sales:start_quiz");
    chat.tap("sales:start_quiz");
    chat.awaitOffer("sales:qt_ready");
    chat.tap("sales:qt_ready");
    chat.awaitOffer("sales:qi_gpu");
    chat.tap("sales:qi_gpu");
    chat.awaitOfferedAnywhere("sales:basic_checkout");
    chat.tap("sales:basic_checkout");
    chat.awaitOffer("sales:basic_pay");
    chat.tap("sales:basic_pay");
    String label = bot + ":" + customer;
    String pay = SandboxChat.text(chat.awaitText("yoomoney.ru/quickpay"));
    assertTrue(pay.contains("receiver=" + WALLET) && pay.contains("sum=7000")
        && pay.contains("label=" + java.net.URLEncoder.encode(label, java.nio.charset.StandardCharsets.UTF_8)),
        "the profile's wallet and price, the funnel's label: " + pay);
    assertTrue(pay.contains("https://t.me/shop_sales") && pay.contains("пн–пт 9:00–18:00"), "the profile's contacts: " + pay);
    JsonNode lead = awaitLead(customer, l -> l.path("payment").path("sum").asLong() == 7000);
    assertEquals("BASIC", lead.get("segment").asText());
    assertEquals("basic", lead.get("path").asText());
    assertFalse(lead.get("checkout_at").isNull(), lead.toString());
    assertEquals(label, lead.get("payment").get("label").asText());
    assertFalse(lead.get("paid").asBoolean());

    String operation = "e2e-" + UUID.randomUUID();
    var forged = postPayment(notification(operation, "6965.00", "7000.00", label, "not-the-secret"));
    assertEquals(403, forged.statusCode(), forged.body());
    assertTrue(forged.body().contains("sha1_hash"), forged.body());
    var incomplete = postPayment("operation_id=x&amount=abc");
    assertEquals(400, incomplete.statusCode(), incomplete.body());
    assertTrue(incomplete.body().contains("sha1_hash") && incomplete.body().contains("amount"), incomplete.body());
    Thread.sleep(500);
    assertFalse(admin.get("/admin/leads/" + lead.get("id").asText()).json().get("lead").get("paid").asBoolean(),
        "a forged notification changes nothing");

    var paid = postPayment(notification(operation, "6965.00", "7000.00", label, WALLET_SECRET));
    assertEquals(200, paid.statusCode(), paid.body());
    assertTrue(paid.body().contains("\"paid\""), paid.body());
    var again = postPayment(notification(operation, "6965.00", "7000.00", label, WALLET_SECRET));
    assertEquals(200, again.statusCode(), "YooMoney's retry is acknowledged");
    assertTrue(again.body().contains("duplicate"), again.body());
    JsonNode after = admin.get("/admin/leads/" + lead.get("id").asText()).json().get("lead");
    assertTrue(after.get("paid").asBoolean(), after.toString());
    assertEquals("7000.00", after.get("payment").get("paid_amount").asText());
    assertTrue(after.get("payment").get("flag").isNull() || after.get("payment").get("flag").isMissingNode(),
        after.toString());
    assertEquals("won", after.get("status").asText());
    String told = SandboxChat.text(chat.awaitText("Оплата получена"));
    assertTrue(told.contains("7\u00a0000\u00a0₽") && told.contains("+7 912 345-67-89"), told);
    Thread.sleep(1500);
    assertEquals(1, chat.replies().stream().filter(m -> SandboxChat.text(m.get("payload")).contains("Оплата получена"))
        .count(), "told once");

    String stray = "e2e-" + UUID.randomUUID();
    var unknown = postPayment(notification(stray, "100.00", "100.00", "no-such-bot:79000000000", WALLET_SECRET));
    assertEquals(200, unknown.statusCode(), unknown.body());
    assertTrue(unknown.body().contains("unmatched"), unknown.body());
    Reply unmatched = admin.get("/admin/payments?matched=false");
    assertTrue(unmatched.body().contains(stray), "kept for admins: " + unmatched);
    var underpaid = postPayment(notification("e2e-" + UUID.randomUUID(), "4975.00", "5000.00", label, WALLET_SECRET));
    assertEquals(200, underpaid.statusCode());
    assertTrue(underpaid.body().contains("flagged") && underpaid.body().contains("7000"), underpaid.body());
  }

  static boolean contains(JsonNode page, String phone) {
    for (JsonNode item : page.get("items")) {
      if (item.get("phone").asText().equals(phone)) {
        return true;
      }
    }
    return false;
  }
}
