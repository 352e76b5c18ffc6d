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

  static boolean contains(JsonNode page, String phone) {
    for (JsonNode item : page.get("items")) {
      if (item.get("phone").asText().equals(phone)) {
        return true;
      }
    }
    return false;
  }
}
