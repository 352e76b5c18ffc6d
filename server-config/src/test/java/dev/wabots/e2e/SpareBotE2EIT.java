package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The pre-started spare: the supervisor keeps a booted bot process without a bot; the next start
 * hands it the bot (identity, log, webhook port) instead of booting a JVM and Payara, and a new
 * spare follows; the watchdog's restart of such a bot takes the next one. On a fresh installation
 * (bots on JDK 25) the first spare trains the class-data archive, and the first bot's start is a
 * hand-over too. The orchestrator's shutdown stops the spare.
 */
class SpareBotE2EIT {

  static final String VERIFY = "spare-e2e-verify-token";
  static Launched run;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  record Spare(long pid, int port, boolean trains) {}

  /**
   * The spare the API reports ready; checked against its pid file and its own readiness, which
   * names it a waiting spare.
   */
  static Optional<Spare> readySpare(Api admin) throws Exception {
    JsonNode api = admin.get("/admin/whatsapp/spare").json();
    assertTrue(api.get("enabled").asBoolean(), api.toString());
    if (!api.get("state").asText().equals("ready")) {
      return Optional.empty();
    }
    Path pidFile = run.data.resolve("run").resolve("bot-_spare.pid");
    JsonNode p = new ObjectMapper().readTree(Files.readString(pidFile));
    assertEquals(api.get("pid").asLong(), p.get("pid").asLong(), "the pid file names the spare");
    int port = api.get("port").asInt();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(503, r.statusCode(), r.body());
    assertTrue(r.body().contains("pre-started spare"), r.body());
    HttpResponse<String> waiting = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/adopt"))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, waiting.statusCode(), waiting.body());
    return Optional.of(new Spare(api.get("pid").asLong(), port, api.get("trains").asBoolean()));
  }

  static Spare awaitSpare(Api admin, long notPid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Spare> s = readySpare(admin);
      if (s.isPresent() && s.get().pid() != notPid) {
        return s.get();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no pre-started spare within 150 s:\n" + run.consoleText());
  }

  static Map<String, String> environ(long pid) throws java.io.IOException {
    Map<String, String> env = new java.util.HashMap<>();
    for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }

  static String createBot(Api admin, String name, int port) {
    return admin.post("/admin/whatsapp/instances", json("name", name, "webhook_port", port, "verify_token", VERIFY))
        .json().get("instance").get("id").asText();
  }

  @Test
  void aStartTakesThePreStartedSpareAndANewOneFollows() throws Exception {
    // Its own archive folder: a fresh installation, where the first spare trains the archive.
    run = Launched.start("spare", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
        "WABOTS_BOT_SPARES", "1", "WABOTS_BOT_SPARE_DELAY_SECONDS", "1", "WABOTS_BOT_CACHE", ""));
    Api admin = run.api().login("admin", "e2e-admin-password");
    Path cds = run.data.resolve("payara").resolve("cds");
    Spare trainer = awaitSpare(admin, -1);
    // Bots on JDK 25 (installed on every machine of ours): the first spare is the trainer.
    boolean aotCache = Files.readString(run.logs.resolve("orchestrator.log")).contains("with an ahead-of-time cache");
    assertEquals(aotCache, trainer.trains(), "the first spare trains the archive where the recording can be ended");
    String first = createBot(admin, "First", Launched.freePort());
    JsonNode firstStart = admin.post("/admin/whatsapp/instances/" + first + "/start", null).json();
    Bots.awaitStatus(admin, first, Bots::running, Duration.ofSeconds(120));
    if (trainer.trains()) {
      // The first start took the training spare; the recording ends once that bot is ready and the
      // archive is written; the next spare maps it and trains nothing.
      assertEquals(trainer.pid(), firstStart.get("pid").asLong(), "the first start took the training spare");
      assertTrue(Files.readString(run.logs.resolve("whatsapp_bot_" + first + ".log"))
          .contains("starting from a pre-started spare, pid " + trainer.pid()));
    }
    Spare spare = awaitSpare(admin, trainer.trains() ? trainer.pid() : -1);
    assertFalse(spare.trains(), "a spare after the training maps the archive");
    try (var files = Files.list(cds)) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("bot-launcher-.*\\.(aot|jsa)")),
          "the archive is written: " + cds);
    }

    int port = Launched.freePort();
    String id = createBot(admin, "Second", port);
    long t0 = System.nanoTime();
    JsonNode started = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json();
    assertEquals("started", started.get("status").asText());
    assertEquals(spare.pid(), started.get("pid").asLong(), "the start took the spare's process");
    Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(60));
    System.out.printf("start from the spare to running+ready: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    // The bot's own part of the status is read with a 2 s limit: the next spare boots meanwhile.
    JsonNode s = Bots.awaitStatus(admin, id, b -> b.path("bot").has("instance"), Duration.ofSeconds(30));
    assertEquals(id, s.get("bot").get("instance").asText(), "the bot's own status answers with its own token");

    // The spare's port is closed; the bot's servlets answer on the bot's port.
    assertFalse(Bots.listening(spare.port()), "the listener moved away from the spare's port");
    HttpResponse<String> verify = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/webhook?hub.mode=subscribe&hub.verify_token=" + VERIFY + "&hub.challenge=4242")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, verify.statusCode(), verify.body());
    assertEquals("4242", verify.body());
    HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/adopt"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, again.statusCode(), "a bot that was a spare is handed nothing more: " + again.body());

    // Its output is in the bot's log from the hand-over on, not in the spares' log.
    String botLog = Files.readString(run.logs.resolve("whatsapp_bot_" + id + ".log"));
    assertTrue(botLog.contains("==== bot " + id + " starting from a pre-started spare, pid " + spare.pid()), botLog);
    assertTrue(botLog.contains("Bot " + id + " started from a pre-started spare in "), botLog);
    String spareLog = Files.readString(run.logs.resolve("spare.log"));
    assertFalse(spareLog.contains("Bot " + id + " started from"), "the output moved to the bot's log");
    JsonNode logs = admin.get("/admin/whatsapp/instances/" + id + "/logs?lines=200").json();
    assertTrue(logs.get("logs").toString().contains("started from a pre-started spare"), logs.toString());

    // A bot's token reads no admin endpoint, this one included (the token of a bot that was a
    // spare reached it over the hand-over, not its environment: the supervisor's pid file has it).
    String botToken = new ObjectMapper().readTree(Files.readString(run.data.resolve("run").resolve("bot-" + id + ".pid")))
        .get("token").asText();
    Api bot = run.api().withToken(botToken);
    assertEquals(403, bot.get("/admin/whatsapp/spare").status());
    JsonNode own = bot.get("/internal/config").json();
    assertEquals(id, own.get("instance").get("id").asText(), "the handed-over token is the bot's own: " + own);
    assertEquals(404, bot.get("/admin/whatsapp/instances/" + first + "?include_token=true").status(),
        "useless for any other bot");

    // A new spare follows; the bot stops like any other and frees its port.
    Spare next = awaitSpare(admin, spare.pid());
    assertNotEquals(spare.port(), next.port());
    // Only the supervisor, with the secret the spare was spawned with, hands it a bot.
    HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + next.port() + "/internal/adopt"))
        .header("Authorization", "Bearer not-the-secret").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"instance_id\":\"first\",\"token\":\"x\",\"port\":1,\"log\":\"/tmp/x.log\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, forged.statusCode(), forged.body());
    // With the right secret, bad bodies are refused with what is wrong, and the spare still waits.
    String secret = environ(next.pid()).get("WA_SPARE_SECRET");
    for (String[] bad : new String[][] {{"not json", "invalid_json"}, {"{\"instance_id\":\"first\"}", "invalid"},
        {"{\"instance_id\":\"first\",\"token\":\"t\",\"log\":\"/tmp/x.log\",\"port\":70000}", "invalid"}}) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + next.port() + "/internal/adopt"))
          .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(bad[0])).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, r.statusCode(), bad[0] + " -> " + r.body());
      assertEquals(bad[1], new ObjectMapper().readTree(r.body()).get("error").asText(), r.body());
    }
    assertEquals(next, readySpare(admin).orElseThrow(), "still the same waiting spare");
    // Each in a root folder of its own: the new spare does not clear the running bots' (the second
    // bot's, and the first's when it was the training spare).
    try (var folders = Files.list(run.data.resolve("payara").resolve("bots"))) {
      assertEquals(trainer.trains() ? 3 : 2, folders.filter(f -> f.getFileName().toString().startsWith("_spare-"))
          .filter(f -> Files.isRegularFile(f.resolve("config").resolve("domain.xml"))).count());
    }
    // A bot that was a spare and dies is restarted by the watchdog like any other: from the next spare.
    // (The bot's process now, and its restarts so far: on a stalled machine the supervisor may
    // already have restarted a hand-over that was not ready in time — its reason then says why.)
    JsonNode before = Bots.status(admin, id);
    long victim = before.get("pid").asLong();
    int restarts = before.get("restarts").asInt();
    assertTrue(victim == spare.pid() || restarts > 0, "the spare's process, or a restart with its reason: " + before);
    new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
    JsonNode restarted = Bots.awaitStatus(admin, id, b -> Bots.running(b) && b.get("restarts").asInt() == restarts + 1,
        Duration.ofSeconds(60));
    assertEquals(next.pid(), restarted.get("pid").asLong(), "the watchdog's restart took the next spare");
    assertFalse(Bots.listening(spare.port()));

    assertEquals("stopped", admin.post("/admin/whatsapp/instances/" + id + "/stop", null).json().get("status").asText());
    assertFalse(ProcessHandle.of(next.pid()).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Bots.listening(port), "port free after stop");

    // The orchestrator's shutdown stops the spare (it serves nobody); bots would keep running.
    Spare third = awaitSpare(admin, next.pid());
    long firstPid = Bots.status(admin, first).get("pid").asLong();
    run.interrupt(Duration.ofSeconds(60));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(third.pid()).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(ProcessHandle.of(third.pid()).map(ProcessHandle::isAlive).orElse(false), "the spare stopped with the orchestrator");
    assertFalse(Files.exists(run.data.resolve("run").resolve("bot-_spare.pid")));
    assertTrue(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "bots outlive the orchestrator");
  }
}
