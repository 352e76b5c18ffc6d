package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./wabots run} on an empty data folder, used as the README tells a newcomer to use it;
 * then the secret-leak sweep over everything the run produced, and Ctrl-C.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherE2EIT {

  static Launched run;
  static Api admin;
  static final String ACCESS_TOKEN = "EAAG-e2e-access-" + UUID.randomUUID();
  static final String APP_SECRET = "e2e0app0secret0" + UUID.randomUUID().toString().replace("-", "");
  static final String VERIFY_TOKEN = "e2e-verify-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    run = Launched.start("launcher", Map.of());
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  @Order(1)
  void firstStartIsReadyWithinAMinuteWithAGeneratedAdminPassword() throws IOException {
    assertTrue(run.startup.compareTo(Duration.ofSeconds(60)) < 0, "ready after " + run.startup);
    Path file = run.data.resolve("initial-admin-password");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    for (Path dir : List.of(run.data, run.logs, run.data.resolve("keys"))) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
    }
    for (Path f : List.of(run.data.resolve("secretary.db"), run.logs.resolve("orchestrator.log"))) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
    }
    String password = Files.readString(file).trim();
    assertTrue(run.consoleText().contains(password), "printed once on the console");
    admin = run.api().login("admin", password);
    assertEquals("UP", run.api().get("/health/ready").json().get("status").asText());
    assertEquals("UP", run.api().get("/health/live").json().get("status").asText());
    String openApi = run.api().get("/openapi").body();
    assertTrue(openApi.contains("/admin/whatsapp/instances"), openApi);
    assertTrue(openApi.contains("/internal/chat") && openApi.contains("/internal/events"), "the servlet-served endpoints are documented too");
  }

  @Test
  @Order(2)
  void theReadmeWalkthroughWorks() throws IOException {
    Reply created = admin.post("/admin/whatsapp/instances", json(
        // The README's 8003, unless something on this machine listens there (a 409 then, by design).
        "name", "Support Bot", "webhook_port", listening(8003) ? Launched.freePort() : 8003, "access_token", ACCESS_TOKEN,
        "verify_token", VERIFY_TOKEN, "app_secret", APP_SECRET, "system_prompt", "You are a helpful sales assistant."));
    assertEquals(201, created.status(), created.toString());
    assertEquals("support-bot", created.json().get("instance").get("id").asText());
    assertEquals(1, admin.get("/admin/whatsapp/instances").json().get("instances").size());
    JsonNode bot = admin.get("/admin/whatsapp/instances/support-bot").json().get("instance");
    assertTrue(bot.get("access_token").asText().startsWith("••••"));
    Reply updated = admin.put("/admin/whatsapp/instances/support-bot",
        json("llm_params", Map.of("temperature", 0.3, "max_tokens", 800), "blocked_phones", List.of("+7 900 000-00-00")));
    assertEquals(200, updated.status(), updated.toString());
    assertEquals(0.3, updated.json().get("instance").get("llm_params").get("temperature").asDouble());
    assertEquals(200, admin.get("/admin/audit?limit=5").status());
  }

  @Test
  @Order(3)
  void usersCreatedFromTheShellCanLogInWhileItRuns() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(run.root.resolve("wabots").toString(), "user", "create", "operator",
        "--role", "user")
        .directory(run.root.toFile())
        .redirectErrorStream(true);
    pb.environment().put("WABOTS_DATA", run.data.toString());
    pb.environment().put("WABOTS_SKIP_BUILD", "1");
    Process p = pb.start();
    p.getOutputStream().write("operator-password\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("created user 'operator'"), out);
    Api operator = run.api().login("operator", "operator-password");
    assertEquals("user", operator.get("/admin/auth/me").json().get("user").get("role").asText());
    assertEquals(0, operator.get("/admin/whatsapp/instances").json().get("instances").size());
  }

  @Test
  @Order(4)
  void noSecretValueAppearsInAnyResponseLogOrAuditEntry() throws IOException {
    List<String> secrets = List.of(ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN);
    List<String> leaks = new ArrayList<>();
    Reply audit = admin.get("/admin/audit?limit=1000");
    assertTrue(audit.json().get("entries").size() >= 3, audit.toString());
    for (String body : Api.seenBodies()) {
      secrets.stream().filter(body::contains).forEach(s -> leaks.add("API response: " + body));
    }
    for (Path dir : List.of(run.logs, run.dir)) {
      try (var files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.startsWith(run.data.resolve("payara"))) {
            continue; // Payara's unpacked runtime: nothing of ours
          }
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          secrets.stream().filter(text::contains).forEach(s -> leaks.add(run.dir.relativize(f).toString()));
        }
      }
    }
    assertEquals(List.of(), leaks, "the database holds ciphertext; logs and answers hold masks only");
  }

  @Test
  @Order(4)
  void filesAnOlderVersionLeftReadableAreMadeOwnerOnlyByTheLauncher() throws Exception {
    Path db = run.data.resolve("secretary.db");
    Path log = run.logs.resolve("orchestrator.log");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(run.data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Launched.CommandResult list = run.wabots(null, "user", "list");
    assertEquals(0, list.status(), list.output());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run.data)));
  }

  @Test
  @Order(4)
  void aDeeplyNestedBodyIsA400AndOneLogLine() throws Exception {
    Path log = run.logs.resolve("orchestrator.log");
    long before = Files.readAllLines(log, StandardCharsets.UTF_8).size();
    Reply r = run.api().post("/admin/auth/login", "[".repeat(10_000));
    assertEquals(400, r.status(), r.toString());
    assertTrue(r.json().get("message").asText().contains("nested deeper than 64 levels"), r.toString());
    // Payara's log handler writes from a queue: wait for the line, then a moment for anything after it.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains("nested deeper") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1000); // an absence (no stack trace following) cannot be awaited
    List<String> added = Files.readAllLines(log, StandardCharsets.UTF_8);
    added = added.subList((int) Math.min(before, added.size()), added.size());
    assertEquals(1, added.stream().filter(l -> l.contains("nested deeper")).count(), String.join("\n", added));
    assertTrue(added.size() <= 3, "one line, not a stack trace: " + String.join("\n", added));
    assertFalse(added.stream().anyMatch(l -> l.contains("StackOverflowError") || l.contains("\tat ")), String.join("\n", added));
  }

  @Test
  @Order(5)
  void loginIsThrottledAfterTenAttemptsAMinute() {
    Api anonymous = run.api();
    int refused = 0;
    for (int i = 0; i < 11; i++) {
      Reply r = anonymous.post("/admin/auth/login", json("username", "nobody", "password", "wrong-" + i));
      if (r.status() == 429) {
        refused++;
        assertTrue(r.headers().containsKey("retry-after"), r.headers().toString());
      } else {
        assertEquals(401, r.status(), r.toString());
      }
    }
    assertTrue(refused >= 1, "the eleventh attempt within a minute is refused");
  }

  @Test
  @Order(6)
  void ctrlCStopsItCleanlyAndFreesThePort() throws Exception {
    int status = run.interrupt(Duration.ofSeconds(60));
    assertTrue(status == 0 || status == 130, "exit status " + status);
    assertFalse(listening(run.port), "port " + run.port + " is free again");
  }

  @Test
  @Order(7)
  void theTestCommandStopsAtOnceNamingTheCommandThatInstallsWhatItMisses(@org.junit.jupiter.api.io.TempDir Path bin)
      throws Exception {
    // A PATH with Java and Maven but without espeak-ng, ffmpeg and sqlite3.
    for (String tool : List.of("bash", "env", "dirname", "sed", "id", "java", "mvn")) {
      Path found = java.util.stream.Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, tool))
          .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(tool + " not on PATH"));
      Files.createSymbolicLink(bin.resolve(tool), found);
    }
    ProcessBuilder pb = new ProcessBuilder(run.root.resolve("wabots").toString(), "test").directory(run.root.toFile())
        .redirectErrorStream(true);
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("WABOTS_TEST_INSTALL", "0");
    long t0 = System.nanoTime();
    Process p = pb.start();
    assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "it must not start the suite");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), out);
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(10)) < 0, "within seconds");
    assertTrue(out.contains("the tests need espeak-ng ffmpeg sqlite3; install them first: ")
        && out.trim().endsWith("apt-get install -y espeak-ng ffmpeg sqlite3"), out);
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
