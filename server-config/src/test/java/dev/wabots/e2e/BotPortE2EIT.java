package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running bot's port as the internet sees it: only {@code /webhook} answers from another
 * address; health, status, the spare's hand-over and Payara's endpoints answer this machine only,
 * or not at all; no answer names the server. Values from the query string cannot forge log lines,
 * and the bot's files are its owner's alone.
 */
class BotPortE2EIT {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static Launched run;
  static Api admin;
  static String id;
  static int port;
  static String outside;

  @BeforeAll
  static void start() throws Exception {
    run = Launched.start("bot-port", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password"));
    admin = run.api().login("admin", "e2e-admin-password");
    outside = Launched.otherAddress()
        .orElseThrow(() -> new AssertionError("this machine has no address but loopback to test from"));
    port = Launched.freePort();
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Port Bot", "webhook_port", port,
        "verify_token", "e2e-verify-token"));
    assertEquals(201, created.status(), created.toString());
    id = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + id + "/start", null).status());
    Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(180));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  static HttpResponse<String> get(String host, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fromAnotherAddressOnlyTheWebhookAnswers() throws Exception {
    HttpResponse<String> webhook = get(outside, "/webhook?hub.mode=subscribe&hub.verify_token=e2e-verify-token&hub.challenge=42");
    assertEquals(200, webhook.statusCode(), webhook.body());
    assertEquals("42", webhook.body());
    for (String path : List.of("/health", "/health/ready", "/health/live", "/metrics", "/openapi", "/status",
        "/internal/adopt", "/nothing")) {
      HttpResponse<String> r = get(outside, path);
      assertEquals(404, r.statusCode(), path + " → " + r.body());
      assertTrue(r.body().contains("\"error\":\"not_found\""), path + " → " + r.body());
    }
    HttpResponse<String> tunnelled = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, tunnelled.statusCode(), "through a tunnel on this machine it is from outside too");
  }

  @Test
  void onThisMachineHealthAnswersAndPayarasEndpointsAreGone() throws Exception {
    HttpResponse<String> ready = get("127.0.0.1", "/health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"name\":\"bot\"") && ready.body().contains("\"status\":\"UP\""), ready.body());
    assertEquals(200, get("127.0.0.1", "/health/live").statusCode());
    for (String path : List.of("/metrics", "/openapi")) {
      assertEquals(404, get("127.0.0.1", path).statusCode(), path);
    }
  }

  @Test
  void noAnswerNamesTheServer() throws Exception {
    for (String host : List.of("127.0.0.1", outside)) {
      for (String path : List.of("/webhook", "/nothing", "/health/ready")) {
        HttpResponse<String> r = get(host, path);
        assertEquals(List.of(), r.headers().allValues("Server"), host + path);
        assertEquals(List.of(), r.headers().allValues("X-Powered-By"), host + path);
      }
    }
    HttpResponse<String> orchestrator = HTTP.send(HttpRequest.newBuilder(run.base()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(List.of(), orchestrator.headers().allValues("Server"), "the orchestrator's answers neither");
  }

  @Test
  void aLineBreakInTheQueryStringCannotForgeALogLine() throws Exception {
    String forged = "2030-01-01 00:00:00.000 INFO    dev.wabots.bot - Webhook verified by the subscription handshake";
    HttpResponse<String> r = get(outside, "/webhook?hub.mode=subscribe%0D%0A" + forged.replace(" ", "%20")
        + "&hub.verify_token=wrong&hub.challenge=1");
    assertEquals(403, r.statusCode());
    Path log = run.logs.resolve("whatsapp_bot_" + id + ".log");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    while (!text.contains("verification refused") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      text = Files.readString(log, StandardCharsets.UTF_8);
    }
    assertTrue(text.contains("mode subscribe\\r\\n2030-01-01"), "the value is logged escaped, on its own line");
    assertFalse(text.lines().anyMatch(l -> l.startsWith("2030-01-01")), "no forged line");
  }

  @Test
  void theBotsDatabaseAndLogAreTheOwnersAlone() throws Exception {
    for (Path f : List.of(run.data.resolve("wa_sales_" + id + ".db"), run.logs.resolve("whatsapp_bot_" + id + ".log"),
        run.data.resolve("run").resolve("bot-" + id + ".pid"))) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.logs)));
  }
}
