package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts to a bot's owner through real protocol peers on loopback: a Telegram Bot API stand-in, an
 * SMTP server (GreenMail) and a CRM's webhook receiver that verifies the signature. A customer
 * asking for a manager reaches all three with a link to the conversation; a receiver that fails is
 * retried; the roles and bad settings are refused.
 */
class NotificationsE2EIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String WEBHOOK_SECRET = "crm-shared-secret-0123456789";
  static final String TELEGRAM_TOKEN = "123456789:AAE2eTestTokenForTheFakeTelegramServer";

  static Launched run;
  static Api admin;
  static String bot;
  static HttpServer fakes;
  static GreenMail mail;
  static final List<JsonNode> telegram = new CopyOnWriteArrayList<>();
  static final List<JsonNode> hooks = new CopyOnWriteArrayList<>();
  static final AtomicInteger hookFailures = new AtomicInteger();
  static final AtomicInteger badSignatures = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    fakes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fakes.createContext("/bot" + TELEGRAM_TOKEN + "/sendMessage", exchange -> {
      telegram.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      answer(exchange, 200, "{\"ok\":true,\"result\":{\"message_id\":" + telegram.size() + "}}");
    });
    fakes.createContext("/crm/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-Wabots-Signature");
      if (!sign(body).equals(signature)) {
        badSignatures.incrementAndGet();
        answer(exchange, 401, "{}");
        return;
      }
      if (hookFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(exchange, 503, "{}");
        return;
      }
      hooks.add(JSON.readTree(body));
      answer(exchange, 204, null);
    });
    fakes.start();
    int smtp = Launched.freePort();
    mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    mail.setUser("alerts@example.com", "alerts", "smtp-pass-0123");
    run = Launched.start("notifications", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
        "WABOTS_TELEGRAM_API_BASE", "http://127.0.0.1:" + fakes.getAddress().getPort(),
        "WABOTS_PUBLIC_URL", "https://bots.example.com"));
    admin = run.api().login("admin", "e2e-admin-password");
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Alerts Bot", "webhook_port", Launched.freePort()));
    bot = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + bot + "/start", null).status());
    Bots.awaitStatus(admin, bot, Bots::running, Duration.ofSeconds(180));
    channel(json("type", "telegram", "name", "Owner's chat", "bot_token", TELEGRAM_TOKEN, "chat_id", "-100200300"));
    channel(json("type", "email", "name", "Sales mailbox", "host", "127.0.0.1", "port", smtp, "security", "none",
        "username", "alerts", "password", "smtp-pass-0123", "from", "alerts@example.com",
        "to", List.of("owner@example.com")));
    channel(json("type", "webhook", "name", "CRM", "url", "http://127.0.0.1:" + fakes.getAddress().getPort() + "/crm/hook",
        "secret", WEBHOOK_SECRET, "events", List.of("needs_person")));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
    if (fakes != null) {
      fakes.stop(0);
    }
    if (mail != null) {
      mail.stop();
    }
  }

  static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
    byte[] out = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }

  static String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode channel(String body) {
    Reply r = admin.post("/admin/whatsapp/instances/" + bot + "/notifications", body);
    assertEquals(201, r.status(), r.toString());
    return r.json().get("channel");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void aCustomerAskingForAManagerReachesTelegramEmailAndTheCrmWithALink() throws Exception {
    String phone = "79170001111";
    new SandboxChat(admin, bot, phone).say("Можно поговорить с менеджером?");
    await(() -> telegram.stream().anyMatch(t -> t.get("text").asText().contains(phone)), "the Telegram alert");
    await(() -> hooks.stream().anyMatch(h -> h.get("event").asText().equals("needs_person")
        && h.path("data").path("phone").asText().equals(phone)), "the CRM webhook");
    // Another test's notice may have reached the mailbox first: wait for this customer's own e-mail.
    await(() -> List.of(mail.getReceivedMessages()).stream().anyMatch(x -> GreenMailUtil.getBody(x).contains(phone)),
        "the e-mail");
    JsonNode tg = telegram.stream().filter(t -> t.get("text").asText().contains(phone)).findFirst().orElseThrow();
    assertEquals("-100200300", tg.get("chat_id").asText());
    assertTrue(tg.get("text").asText().contains("https://bots.example.com/panel/conversations?bot=" + bot + "&phone=" + phone),
        tg.toString());
    JsonNode hook = hooks.stream().filter(h -> h.path("data").path("phone").asText().equals(phone)).findFirst().orElseThrow();
    assertEquals(bot, hook.get("bot").asText());
    assertEquals("asked_for_person", hook.get("data").get("reason").asText());
    assertEquals(0, badSignatures.get(), "every delivery carried a valid signature");
    MimeMessage m = List.of(mail.getReceivedMessages()).stream()
        .filter(x -> GreenMailUtil.getBody(x).contains(phone)).findFirst().orElseThrow();
    assertEquals("Alerts Bot: a customer needs a person", m.getSubject());
  }

  @Test
  void aNewLeadReachesTheChannelsThatWantItOnly() throws Exception {
    String phone = "79170003333";
    SandboxChat chat = new SandboxChat(admin, bot, phone);
    chat.say("Здравствуйте");
    chat.awaitOffer("sales:start_quiz");
    await(() -> telegram.stream().anyMatch(t -> t.get("text").asText().contains("new lead")
        && t.get("text").asText().contains("+" + phone)), "the Telegram notice of the new lead");
    JsonNode tg = telegram.stream().filter(t -> t.get("text").asText().contains("new lead")
        && t.get("text").asText().contains("+" + phone)).findFirst().orElseThrow();
    assertTrue(tg.get("text").asText().contains("https://bots.example.com/panel/leads?lead="), tg.toString());
    // The CRM's channel wants needs_person only: the lead's notice never reaches it.
    chat.say("позовите оператора");
    await(() -> hooks.stream().anyMatch(h -> h.path("data").path("phone").asText().equals(phone)), "the CRM webhook");
    assertTrue(hooks.stream().filter(h -> h.path("data").path("phone").asText().equals(phone))
        .allMatch(h -> h.get("event").asText().equals("needs_person")), hooks.toString());
  }

  @Test
  void aChangedChannelWantsWhatItWantsFromTheNextEventOn() throws Exception {
    // What a bot's channels want is kept in memory: with Telegram and e-mail off, the bot wants
    // needs_person only (the CRM), and a customer's new lead is dropped before any query.
    JsonNode[] channels = list();
    String path = "/admin/whatsapp/instances/" + bot + "/notifications/";
    JsonNode crm = java.util.Arrays.stream(channels).filter(c -> c.get("type").asText().equals("webhook")).findFirst()
        .orElseThrow();
    try {
      for (JsonNode c : channels) {
        if (!c.get("type").asText().equals("webhook")) {
          assertEquals(200, admin.put(path + c.get("id").asText(), json("enabled", false)).status());
        }
      }
      String first = "79170004444";
      new SandboxChat(admin, bot, first).say("позовите оператора");
      await(() -> hooks.stream().anyMatch(h -> h.path("data").path("phone").asText().equals(first)),
          "the CRM's needs_person");
      assertTrue(hooks.stream().filter(h -> h.path("data").path("phone").asText().equals(first))
          .allMatch(h -> h.get("event").asText().equals("needs_person")), hooks.toString());
      // The CRM now wants new leads too: the next customer's lead reaches it.
      Reply changed = admin.put(path + crm.get("id").asText(), json("events", List.of("needs_person", "new_lead")));
      assertEquals(200, changed.status(), changed.toString());
      String second = "79170005555";
      SandboxChat chat = new SandboxChat(admin, bot, second);
      chat.say("Здравствуйте");
      chat.awaitOffer("sales:start_quiz");
      await(() -> hooks.stream().anyMatch(h -> h.get("event").asText().equals("new_lead")
          && h.path("data").path("phone").asText().equals(second)), "the CRM's new_lead after its change");
    } finally {
      assertEquals(200, admin.put(path + crm.get("id").asText(), json("events", List.of("needs_person"))).status());
      for (JsonNode c : channels) {
        if (!c.get("type").asText().equals("webhook")) {
          assertEquals(200, admin.put(path + c.get("id").asText(), json("enabled", true)).status());
        }
      }
    }
  }

  @Test
  void aTestNoticeGoesThroughEachChannelAndAFailingReceiverIsRetried() throws Exception {
    JsonNode[] channels = list();
    for (JsonNode c : channels) {
      Reply tested = admin.post("/admin/whatsapp/instances/" + bot + "/notifications/" + c.get("id").asText() + "/test", null);
      assertEquals(200, tested.status(), tested.toString());
      assertFalse(tested.json().get("channel").get("last_success_at").isNull(), tested.toString());
    }
    JsonNode crm = java.util.Arrays.stream(channels).filter(c -> c.get("type").asText().equals("webhook")).findFirst()
        .orElseThrow();
    assertTrue(crm.get("settings").get("secret").asText().startsWith("••••"), "masked: " + crm);
    assertFalse(crm.toString().contains(WEBHOOK_SECRET), "never shown again");
    hookFailures.set(1);
    String phone = "79170002222";
    new SandboxChat(admin, bot, phone).say("позовите оператора");
    await(() -> hooks.stream().anyMatch(h -> h.path("data").path("phone").asText().equals(phone)), "delivered after a retry");
    JsonNode after = java.util.Arrays.stream(list()).filter(c -> c.get("type").asText().equals("webhook")).findFirst()
        .orElseThrow();
    assertTrue(after.get("last_error").asText().contains("503"), "the failure stays visible: " + after);
  }

  @Test
  void badSettingsAreRefusedFieldByFieldAndRolesApply() throws Exception {
    Reply bad = admin.post("/admin/whatsapp/instances/" + bot + "/notifications",
        json("type", "telegram", "bot_token", "nope", "url", "http://x"));
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.errorFields().containsAll(List.of("bot_token", "chat_id", "url")), bad.toString());
    assertEquals(400, admin.post("/admin/whatsapp/instances/" + bot + "/notifications", json("type", "pigeon")).status());
    Reply events = admin.post("/admin/whatsapp/instances/" + bot + "/notifications",
        json("type", "webhook", "url", "https://crm.example.com/h", "secret", WEBHOOK_SECRET, "events", List.of("birthday")));
    assertTrue(events.errorFields().contains("events"), events.toString());
    assertEquals(201, admin.post("/admin/users", json("username", "note-user", "password", "Note-user-Pass-9x",
        "role", "user")).status());
    assertEquals(201, admin.post("/admin/users", json("username", "note-guest", "password", "Note-guest-Pass-9x",
        "role", "guest")).status());
    Api user = run.api().login("note-user", "Note-user-Pass-9x");
    Api guest = run.api().login("note-guest", "Note-guest-Pass-9x");
    assertEquals(404, user.get("/admin/whatsapp/instances/" + bot + "/notifications").status());
    assertEquals(200, guest.get("/admin/whatsapp/instances/" + bot + "/notifications").status());
    assertEquals(403, guest.post("/admin/whatsapp/instances/" + bot + "/notifications",
        json("type", "webhook", "url", "https://crm.example.com/h", "secret", WEBHOOK_SECRET)).status());
  }

  static JsonNode[] list() {
    Reply r = admin.get("/admin/whatsapp/instances/" + bot + "/notifications");
    assertEquals(200, r.status(), r.toString());
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    r.json().get("channels").forEach(out::add);
    return out.toArray(JsonNode[]::new);
  }
}
