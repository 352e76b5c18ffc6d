package dev.wabots.admin;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The orchestrator WAR as built, deployed once on Payara Micro (SQLite, MP-JWT, EJB, JPA), driven
 * over HTTP: instance CRUD and validation, the JSON error mapping of EJB exceptions, users, audit.
 */
@ExtendWith(ArquillianExtension.class)
class OrchestratorApiIT {

  static final String ADMIN_PASSWORD = "it-admin-password";

  @Deployment(testable = false)
  static WebArchive orchestrator() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("wabots.it.war")));
  }

  @ArquillianResource URL url;

  static Api admin;
  Api anonymous;

  @BeforeEach
  void connect() throws Exception {
    anonymous = new Api(url.toURI().resolve("/"));
    if (admin == null) {
      admin = anonymous.login("admin", ADMIN_PASSWORD);
    }
  }

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  JsonNode create(Api as, Object... fields) {
    Reply r = as.post("/admin/whatsapp/instances", json(fields));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("instance");
  }

  @Test
  void loginAnswersTheSameForUnknownUserAndWrongPassword() {
    Reply wrong = anonymous.post("/admin/auth/login", json("username", "admin", "password", "nope-nope"));
    Reply unknown = anonymous.post("/admin/auth/login", json("username", "ghost", "password", "nope-nope"));
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.json().get("message"), unknown.json().get("message"));
    JsonNode me = admin.get("/admin/auth/me").json().get("user");
    assertEquals("admin", me.get("username").asText());
    assertEquals("admin", me.get("role").asText());
  }

  @Test
  void createsABotWithASlugIdTheSeedDefaultsAndMaskedSecrets() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    JsonNode bot = create(admin, "name", "Бот Поддержки " + suffix, "access_token", "EAAG-token-abcdef-9876",
        "allowed_phones", List.of("+7 900 123-45-67", "79001234567"));
    assertEquals("bot-podderzhki-" + suffix, bot.get("id").asText());
    assertEquals("••••9876", bot.get("access_token").asText());
    assertTrue(bot.get("access_token_set").asBoolean());
    assertTrue(bot.get("app_secret_set").asBoolean(), "sandbox bots get working credentials");
    assertTrue(bot.get("verify_token_set").asBoolean());
    assertTrue(bot.get("phone_number_id").asText().matches("[0-9]{15}"), bot.toString());
    assertEquals(List.of("79001234567"), List.of(bot.get("allowed_phones").get(0).asText()));
    assertEquals(1, bot.get("allowed_phones").size());
    assertEquals("vllm", bot.get("llm_backend").asText());
    assertEquals("sandbox", bot.get("mode").asText());
    assertEquals("v23.0", bot.get("graph_api_version").asText());
    assertEquals(5, bot.get("rate_limit_count").asInt());
    assertEquals(5, bot.get("rate_limit_hours").asInt());
    assertTrue(bot.get("enabled").asBoolean());
    assertFalse(bot.get("auto_start").asBoolean());
    assertEquals("stopped", bot.get("state").asText());
    assertTrue(bot.get("webhook_port").asInt() >= 8003);
    String id = bot.get("id").asText();
    JsonNode read = admin.get("/admin/whatsapp/instances/" + id).json().get("instance");
    assertEquals(bot.get("created"), read.get("created"));
    assertTrue(admin.get("/admin/whatsapp/instances").body().contains("\"" + id + "\""));
  }

  @Test
  void refusesDuplicateNamesAndPortsWithConflict() {
    String name = unique("Dup");
    JsonNode first = create(admin, "name", name);
    Reply sameName = admin.post("/admin/whatsapp/instances", json("name", name.toUpperCase()));
    assertEquals(409, sameName.status(), sameName.toString());
    assertEquals(List.of("name"), sameName.errorFields());
    Reply samePort = admin.post("/admin/whatsapp/instances",
        json("name", unique("Other"), "webhook_port", first.get("webhook_port").asInt()));
    assertEquals(409, samePort.status());
    assertEquals(List.of("webhook_port"), samePort.errorFields());
    JsonNode second = create(admin, "name", unique("Auto port"));
    assertNotEquals(first.get("webhook_port"), second.get("webhook_port"));
  }

  @Test
  void listsEveryBadFieldAndNeverAnswers500ForBadInput() {
    Reply r = admin.post("/admin/whatsapp/instances", json(
        "name", "", "webhook_port", 80, "llm_backend", "openai", "llm_params", Map.of("temperature", 3, "seed", 1),
        "blocked_phones", List.of("12"), "tts_engine", "say", "mode", "test", "rate_limit_hours", 0, "bogus", 1));
    assertEquals(400, r.status(), r.toString());
    assertEquals(List.of("bogus"), r.errorFields(), "unknown fields are refused first, with type errors");
    r = admin.post("/admin/whatsapp/instances", json(
        "name", "", "webhook_port", 80, "llm_backend", "openai", "llm_params", Map.of("temperature", 3, "seed", 1),
        "blocked_phones", List.of("12"), "tts_engine", "say", "mode", "test", "rate_limit_hours", 0));
    assertEquals(400, r.status());
    assertTrue(r.errorFields().containsAll(List.of("name", "webhook_port", "llm_backend", "llm_params.temperature",
        "llm_params.seed", "blocked_phones[0]", "tts_engine", "mode", "rate_limit_hours")), r.toString());
    for (String bad : List.of("{\"name\":", "[1,2]", "\"text\"", "{\"name\": 5, \"enabled\": \"yes\", \"webhook_port\": 1.5}", "")) {
      Reply reply = admin.post("/admin/whatsapp/instances", bad);
      assertEquals(400, reply.status(), bad + " → " + reply);
      assertEquals("invalid", reply.json().get("error").asText());
    }
    Reply types = admin.post("/admin/whatsapp/instances", "{\"name\": 5, \"enabled\": \"yes\", \"webhook_port\": 1.5}");
    assertEquals(List.of("name", "enabled", "webhook_port"), types.errorFields());
  }

  @Test
  void keepsSecretsOnUpdateUnlessClearedAndKeepsTheIdOnRename() {
    JsonNode bot = create(admin, "name", unique("Secretive"), "access_token", "EAAG-first-token-1111",
        "app_secret", "0123456789abcdef0123456789abcdef");
    String id = bot.get("id").asText();
    Reply renamed = admin.put("/admin/whatsapp/instances/" + id, json("name", unique("Renamed"), "description", "d"));
    assertEquals(200, renamed.status(), renamed.toString());
    JsonNode after = renamed.json().get("instance");
    assertEquals(id, after.get("id").asText());
    assertEquals("••••1111", after.get("access_token").asText());
    assertEquals("••••cdef", after.get("app_secret").asText());
    JsonNode cleared = admin.put("/admin/whatsapp/instances/" + id, json("access_token", "")).json().get("instance");
    assertFalse(cleared.get("access_token_set").asBoolean());
    assertTrue(cleared.get("app_secret_set").asBoolean());
    assertTrue(cleared.get("access_token").isNull());
  }

  @Test
  void liveModeNeedsEveryMetaCredential() {
    JsonNode bot = create(admin, "name", unique("Live"));
    String path = "/admin/whatsapp/instances/" + bot.get("id").asText();
    Reply r = admin.put(path, json("mode", "live", "verify_token", "my-verify"));
    assertEquals(400, r.status());
    assertEquals(List.of("phone_number_id", "access_token", "app_secret"), r.errorFields());
    String credentials = json("mode", "live", "phone_number_id", "106540352242922", "access_token", "EAAG-live-0001",
        "verify_token", "my-verify", "app_secret", "0123456789abcdef0123456789abcdef");
    Reply placeholders = admin.put(path, credentials);
    assertEquals(400, placeholders.status(), "the shipped contacts and wallet may not reach customers");
    assertEquals(List.of("profile"), placeholders.errorFields(), "one message naming every field: " + placeholders);
    String message = placeholders.json().get("fields").get(0).get("message").asText();
    for (String field : List.of("contact_phone", "contact_email", "contact_messenger", "yoomoney_receiver",
        "yoomoney_secret")) {
      assertTrue(message.contains(field), field + " named in: " + message);
    }
    assertEquals("sandbox", admin.get(path).json().get("instance").get("mode").asText(), "nothing changed");
    Reply profile = admin.put(path + "/profile", "{\"contact_phone\":\"+7 912 345-67-89\",\"contact_email\":"
        + "\"sales@shop.example.ru\",\"contact_messenger\":\"https://t.me/shop_sales\",\"yoomoney_receiver\":"
        + "\"4100116075156746\",\"yoomoney_secret\":\"wallet-notification-secret\"}");
    assertEquals(200, profile.status(), profile.toString());
    assertEquals(0, profile.json().get("profile").get("placeholders").size(), profile.toString());
    Reply ok = admin.put(path, credentials);
    assertEquals(200, ok.status(), ok.toString());
    assertEquals("live", ok.json().get("instance").get("mode").asText());
    Reply back = admin.put(path + "/profile", "{\"yoomoney_secret\":\"\"}");
    assertEquals(400, back.status(), "a live bot keeps a real wallet secret: " + back);
    assertEquals(List.of("yoomoney_secret"), back.errorFields());
  }

  @Test
  void deletesABot() {
    String id = create(admin, "name", unique("Doomed")).get("id").asText();
    assertEquals(204, admin.delete("/admin/whatsapp/instances/" + id).status());
    Reply gone = admin.get("/admin/whatsapp/instances/" + id);
    assertEquals(404, gone.status());
    assertEquals("not_found", gone.json().get("error").asText());
  }

  @Test
  void aBotCreatedAgainUnderADeletedOnesIdInheritsNoSandboxFaults() {
    String name = unique("Phoenix");
    String id = create(admin, "name", name).get("id").asText();
    assertEquals(3, admin.post("/admin/sandbox/" + id + "/faults", json("code", 130429, "count", 3)).json().get("queued").asInt());
    assertEquals(204, admin.delete("/admin/whatsapp/instances/" + id).status());
    assertEquals(id, create(admin, "name", name).get("id").asText());
    assertEquals(1, admin.post("/admin/sandbox/" + id + "/faults", json("code", 130429, "count", 1)).json().get("queued").asInt());
  }

  @Test
  void auditsWritesNewestFirstWithoutSecretValues() {
    String secret = "EAAG-audit-secret-" + UUID.randomUUID();
    String id = create(admin, "name", unique("Audited"), "access_token", secret).get("id").asText();
    admin.put("/admin/whatsapp/instances/" + id, json("description", "x"));
    Reply r = admin.get("/admin/audit?limit=2");
    assertEquals(200, r.status());
    JsonNode entries = r.json().get("entries");
    assertEquals(2, entries.size(), "LIMIT is applied in SQL");
    assertEquals("instance.update", entries.get(0).get("action").asText());
    assertEquals("instance.create", entries.get(1).get("action").asText());
    assertEquals(id, entries.get(1).get("instance_id").asText());
    assertEquals("admin", entries.get(1).get("actor").asText());
    assertTrue(entries.get(0).get("id").asLong() > entries.get(1).get("id").asLong(), "identity ids grow");
    assertTrue(entries.get(1).get("details").asText().contains("access_token"), "names the field");
    assertFalse(r.body().contains(secret));
    assertEquals(400, admin.get("/admin/audit?limit=ten").status());
  }

  @Test
  void processRoutesExistWithTheirChecks() {
    String id = create(admin, "name", unique("Proc")).get("id").asText();
    String base = "/admin/whatsapp/instances/" + id;
    assertEquals(400, admin.get(base + "/logs?lines=abc").status());
    assertEquals(400, admin.get(base + "/logs?lines=0").status());
    assertEquals(404, admin.post("/admin/whatsapp/instances/nope/start", "").status());
  }

  @Test
  void answersJsonForBadTokensUnknownPathsAndMissingAuth() {
    Reply noToken = anonymous.get("/admin/whatsapp/instances");
    assertEquals(401, noToken.status());
    assertEquals("unauthorized", noToken.json().get("error").asText());
    Reply badToken = anonymous.withToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/admin/whatsapp/instances");
    assertEquals(401, badToken.status());
    assertEquals("unauthorized", badToken.json().get("error").asText());
    Reply unknown = admin.get("/admin/nothing-here");
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.json().get("error").asText());
    Reply wrongMethod = admin.send("PATCH", "/admin/whatsapp/instances", "{}");
    assertEquals(405, wrongMethod.status());
    assertEquals("method_not_allowed", wrongMethod.json().get("error").asText());
  }

  @Test
  void managesUsersAndRevokesAccessOfDisabledAccounts() {
    String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
    Reply created = admin.post("/admin/users", json("username", name, "password", "user-password-1", "role", "user"));
    assertEquals(201, created.status(), created.toString());
    long id = created.json().get("user").get("id").asLong();
    assertFalse(created.body().contains("password_hash"));
    assertEquals(409, admin.post("/admin/users", json("username", name, "password", "user-password-1")).status());
    assertEquals(400, admin.post("/admin/users", json("username", "x", "password", "short", "role", "boss")).status());
    Api user = anonymous.login(name, "user-password-1");
    assertEquals(200, user.get("/admin/auth/me").status());
    assertEquals(200, admin.put("/admin/users/" + id, json("enabled", false)).status());
    assertEquals(401, user.get("/admin/auth/me").status(), "a disabled account's token stops working");
    long adminId = admin.get("/admin/auth/me").json().get("user").get("id").asLong();
    assertEquals(403, admin.delete("/admin/users/" + adminId).status());
    assertEquals(204, admin.delete("/admin/users/" + id).status());
    assertEquals(404, admin.delete("/admin/users/" + id).status());
  }

  @Test
  void portsInUseOnThisMachineAreRefusedAndOnlyAdminsSeeWhichProcessHoldsThem() throws Exception {
    String name = "porty-" + UUID.randomUUID().toString().substring(0, 8);
    assertEquals(201, admin.post("/admin/users", json("username", name, "password", "password-of-" + name, "role", "user")).status());
    Api user = anonymous.login(name, "password-of-" + name);
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      int port = taken.getLocalPort();
      String pid = "pid " + ProcessHandle.current().pid();
      Reply refused = user.post("/admin/whatsapp/instances", json("name", unique("Busy"), "webhook_port", port));
      assertEquals(409, refused.status(), refused.toString());
      assertEquals(List.of("webhook_port"), refused.errorFields());
      assertTrue(refused.body().contains("port " + port + " is already in use on this machine"), refused.toString());
      assertFalse(refused.body().contains(pid) || refused.body().contains("java"), "no process details for users: " + refused);
      Reply forAdmin = admin.post("/admin/whatsapp/instances", json("name", unique("Busy"), "webhook_port", port));
      assertEquals(409, forAdmin.status(), forAdmin.toString());
      assertTrue(forAdmin.body().contains(pid), "admins see the holder: " + forAdmin);

      JsonNode bot = create(user, "name", unique("Movable"));
      String path = "/admin/whatsapp/instances/" + bot.get("id").asText();
      Reply moved = user.put(path, json("webhook_port", port));
      assertEquals(409, moved.status(), moved.toString());
      assertFalse(moved.body().contains(pid));
      assertEquals(200, user.put(path, json("webhook_port", bot.get("webhook_port").asInt(), "description", "same port")).status(),
          "a form sending the unchanged port still saves");
      // Something takes the bot's port after it was saved: the start is refused the same way.
      try (java.net.ServerSocket squatter = new java.net.ServerSocket(bot.get("webhook_port").asInt())) {
        Reply start = user.post(path + "/start", null);
        assertEquals(409, start.status(), start.toString());
        assertFalse(start.body().contains(pid), "no process details for users at start either: " + start);
        Reply adminStart = admin.post(path + "/start", null);
        assertEquals(409, adminStart.status(), adminStart.toString());
        assertTrue(adminStart.body().contains(pid), adminStart.toString());
      }
    }
  }

  @Test
  void namesWithLineBreaksOrBidiOverridesAreRefused() {
    Reply r = admin.post("/admin/whatsapp/instances", json("name", "Support\r\n2025-01-01 00:00:00 INFO forged"));
    assertEquals(400, r.status(), r.toString());
    assertEquals(List.of("name"), r.errorFields());
    assertTrue(r.body().contains("must not contain control characters or line breaks (U+000D)"), r.toString());
    Reply bidi = admin.post("/admin/whatsapp/instances", json("name", "Invoice\u202Egpj.exe"));
    assertEquals(400, bidi.status(), bidi.toString());
    assertTrue(bidi.body().contains("bidirectional"), bidi.toString());
  }

  @Test
  void aSandboxConversationReadFromZeroStartsAtTheBeginning() {
    String id = create(admin, "name", unique("Cursor")).get("id").asText();
    Reply fromZero = admin.get("/admin/sandbox/" + id + "/conversations/79001234567?after=0");
    assertEquals(200, fromZero.status(), fromZero.toString());
    Reply all = admin.get("/admin/sandbox/" + id + "/conversations/79001234567");
    assertEquals(200, all.status(), all.toString());
    assertEquals(all.json().get("messages"), fromZero.json().get("messages"), "0 reads what no cursor reads: everything");
    Reply negative = admin.get("/admin/sandbox/" + id + "/conversations/79001234567?after=-1");
    assertEquals(400, negative.status());
    assertTrue(negative.body().contains("after: must be at least 0"), negative.toString());
  }
}
