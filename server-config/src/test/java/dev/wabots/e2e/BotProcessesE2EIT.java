package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real bot processes under the real supervisor, started through the API. */
class BotProcessesE2EIT {

  static Launched run;
  static Api admin;

  @BeforeAll
  static void start() {
    // A short deployment grace (default 30 s) for the never-ready test; healthy bots are ready
    // within a second of Payara's boot.
    run = Launched.start("processes", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password",
        "WABOTS_BOT_DEPLOY_GRACE_SECONDS", "10",
        // Its own archive: the tests below watch it being trained.
        "WABOTS_BOT_CACHE", ""));
    admin = run.api().login("admin", "e2e-admin-password");
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  static String createBot(String name, int port) {
    Reply r = admin.post("/admin/whatsapp/instances", json("name", name + " " + UUID.randomUUID().toString().substring(0, 6), "webhook_port", port));
    assertEquals(201, r.status(), r.toString());
    return r.json().get("instance").get("id").asText();
  }

  static JsonNode status(String id) {
    return Bots.status(admin, id);
  }

  static JsonNode awaitStatus(String id, Predicate<JsonNode> condition, Duration limit) throws InterruptedException {
    return Bots.awaitStatus(admin, id, condition, limit);
  }

  static boolean running(JsonNode s) {
    return Bots.running(s);
  }

  static boolean listening(int port) {
    return Bots.listening(port);
  }

  static long pidsOnCommandLine(String needle) {
    return Bots.pidsOnCommandLine(needle, run.data);
  }

  @Test
  void startsAReadyBotServesItsLogsAndStopsItFreeingThePort() throws Exception {
    int port = Launched.freePort();
    String id = createBot("Lifecycle", port);
    Reply started = admin.post("/admin/whatsapp/instances/" + id + "/start", null);
    assertEquals(200, started.status(), started.toString());
    assertEquals("started", started.json().get("status").asText());
    long pid = started.json().get("pid").asLong();
    JsonNode s = awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    assertEquals(pid, s.get("pid").asLong());
    assertEquals(port, s.get("port").asInt());
    assertTrue(s.get("uptime_seconds").asLong() >= 0);
    assertTrue(admin.get("/admin/whatsapp/instances/" + id).json().get("instance").get("auto_start").asBoolean());
    JsonNode listed = admin.get("/admin/whatsapp/instances").json().get("instances");
    boolean shown = false;
    for (JsonNode i : listed) {
      if (i.get("id").asText().equals(id)) {
        shown = i.get("running").asBoolean() && i.get("state").asText().equals("running");
      }
    }
    assertTrue(shown, "the list shows running and state");

    // The bot runs with the bots' web defaults, not the server's (~1 000 MIME types, a JSP servlet).
    String webDefaults = Files.readString(run.data.resolve("payara/bots/" + id + "/config/default-web.xml"));
    assertTrue(webDefaults.contains("a bot serves Meta's webhook") && !webDefaults.contains("JspServlet"), webDefaults);

    // It runs from the bots' launcher, whose class path leaves out the modules a bot does not use
    // (bot-modules-left-out.txt), not from the orchestrator's whole runtime.
    List<String> argv = List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
    Path launcher = Path.of(argv.get(argv.indexOf("-cp") + 1).split(java.io.File.pathSeparator)[0]);
    assertTrue(launcher.getFileName().toString().startsWith("launch-bot-"), launcher.toString());
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(launcher.toFile())) {
      List<String> classPath = List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
      assertTrue(classPath.contains("runtime/weld-osgi-bundle.jar"), "CDI stays");
      assertFalse(classPath.contains("runtime/org.eclipse.persistence.core.jar"), "JPA is left out");
      assertFalse(classPath.contains("runtime/jakarta.faces.jar"), "Faces is left out");
    }

    // Its request threads are ours (bot-runtime.jar, bot-pre-boot.asadmin): made as requests need
    // them, not Grizzly's fixed pool of 16 started with the bot.
    assertTrue(argv.get(argv.indexOf("-cp") + 1).endsWith("bot-runtime.jar"), argv.get(argv.indexOf("-cp") + 1));
    long requestThreads;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      requestThreads = tasks.filter(t -> {
        try {
          return Files.readString(t.resolve("comm")).startsWith("http-thread-poo");
        } catch (java.io.IOException gone) {
          return false; // a thread that ended meanwhile
        }
      }).count();
    }
    assertTrue(requestThreads < 16, requestThreads + " request threads right after the start");

    Path log = run.logs.resolve("whatsapp_bot_" + id + ".log");
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.stream().anyMatch(l -> l.contains("==== bot " + id + " starting, pid " + pid)), "header line");
    // Nothing the bot's modules need is missing: Payara logs a missing one as SEVERE while it boots,
    // a pre-boot command whose module is missing as a failed boot command, and a thread pool class
    // it cannot make or configure as a warning (or a notice) naming the custom thread pool.
    assertEquals(List.of(), lines.stream().filter(l -> l.contains("SEVERE") || l.contains("WARNING") && l.contains("BootCommand")
        || l.contains("custom thread-pool") || l.contains("custom thread pool")).toList());
    Reply tail = admin.get("/admin/whatsapp/instances/" + id + "/logs?lines=3");
    List<String> got = new ArrayList<>();
    tail.json().get("logs").forEach(l -> got.add(l.asText()));
    List<String> now = Files.readAllLines(log);
    assertEquals(3, got.size());
    assertTrue(now.containsAll(got) && got.get(2).equals(now.get(now.size() - 1)) || now.size() > lines.size(),
        "the newest lines, oldest first: " + got);
    assertEquals(400, admin.get("/admin/whatsapp/instances/" + id + "/logs?lines=abc").status());
    assertEquals(400, admin.get("/admin/whatsapp/instances/" + id + "/logs?lines=-1").status());
    assertTrue(admin.get("/admin/whatsapp/instances/" + id + "/logs?lines=999999").json().get("logs").size() <= 5000);
    assertEquals(200, admin.get("/admin/whatsapp/instances/" + id + "/logs").status());

    Reply stopped = admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
    assertEquals("stopped", stopped.json().get("status").asText(), stopped.toString());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process gone");
    assertFalse(listening(port), "port free");
    JsonNode after = status(id);
    assertEquals("stopped", after.get("state").asText());
    assertFalse(after.get("running").asBoolean());
    assertFalse(admin.get("/admin/whatsapp/instances/" + id).json().get("instance").get("auto_start").asBoolean());
    assertFalse(Files.exists(run.data.resolve("run").resolve("bot-" + id + ".pid")));
    assertEquals("already_stopped", admin.post("/admin/whatsapp/instances/" + id + "/stop", null).json().get("status").asText());
  }

  @Test
  void twoStartsAtOnceMakeOneProcess() throws Exception {
    String id = createBot("Twice", Launched.freePort());
    var a = CompletableFuture.supplyAsync(() -> admin.post("/admin/whatsapp/instances/" + id + "/start", null));
    var b = CompletableFuture.supplyAsync(() -> admin.post("/admin/whatsapp/instances/" + id + "/start", null));
    Reply ra = a.get();
    Reply rb = b.get();
    assertEquals(200, ra.status(), ra.toString());
    assertEquals(200, rb.status(), rb.toString());
    assertEquals(ra.json().get("pid"), rb.json().get("pid"));
    assertEquals(Set.of("started", "already_running"),
        Set.of(ra.json().get("status").asText(), rb.json().get("status").asText()));
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    assertEquals(1, pidsOnCommandLine("-Dwabots.instance=" + id + " "));
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  @Test
  void theWatchdogRestartsABotKilledFromOutsideAndGivesUpOnACrashLoop() throws Exception {
    String id = createBot("Watched", Launched.freePort());
    long first = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    JsonNode restarted = awaitStatus(id, s -> running(s) && s.get("pid").asLong() != first, Duration.ofSeconds(120));
    assertEquals(1, restarted.get("restarts").asInt());
    assertEquals(137, restarted.get("last_exit_code").asInt());
    assertTrue(restarted.get("last_exit_reason").asText().contains("SIGKILL"), restarted.toString());
    // The second start from the same root folder deploys the app once, not the last start's copy too.
    String header = "==== bot " + id + " starting, pid " + restarted.get("pid").asLong();
    Path log = run.logs.resolve("whatsapp_bot_" + id + ".log");
    String section = "";
    for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < until; Thread.sleep(200)) {
      String all = Files.readString(log);
      section = all.contains(header) ? all.substring(all.lastIndexOf(header)) : "";
      if (section.contains("Payara Micro") && section.contains(") ready in")) {
        break;
      }
    }
    assertEquals(1, section.split("Configuration loaded for bot", -1).length - 1, "one deployment per start:\n" + section);

    // Kill every new process as soon as it appears: five crashes within ten minutes is a loop.
    Set<Long> killed = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode s = status(id);
    while (!s.get("state").asText().equals("crash_loop") && System.nanoTime() < deadline) {
      if (s.get("pid").isNumber() && killed.add(s.get("pid").asLong())) {
        ProcessHandle.of(s.get("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
      }
      Thread.sleep(100);
      s = status(id);
    }
    assertEquals("crash_loop", s.get("state").asText(), s.toString());
    assertFalse(s.get("running").asBoolean());
    assertTrue(s.get("last_log_lines").size() > 0, "status shows the last log lines");
    Thread.sleep(3000);
    assertEquals("crash_loop", status(id).get("state").asText(), "no more restarts");
    assertEquals(0, pidsOnCommandLine("-Dwabots.instance=" + id + " "));

    Reply again = admin.post("/admin/whatsapp/instances/" + id + "/start", null);
    assertEquals("started", again.json().get("status").asText(), "an admin start clears the loop");
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  @Test
  void aStartThatNeverBecomesReadyIsStoppedAndRestartedLikeACrash() throws Exception {
    String id = createBot("Never ready", Launched.freePort());
    // Its database path is a folder: Payara boots, the bot cannot open its database, readiness
    // stays down, the process stays up — like a failed deployment.
    Path db = run.data.resolve("wa_sales_" + id + ".db");
    Files.createDirectories(db.resolve("in-the-way"));
    try {
      long first = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
      JsonNode s = awaitStatus(id, x -> x.get("restarts").asInt() >= 1 && x.get("pid").isNumber(), Duration.ofSeconds(150));
      assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false), "the stuck process is gone");
      String reason = s.get("last_exit_reason").asText();
      assertTrue(reason.contains("not ready 10 s after Payara finished booting"), s.toString());
      // What its readiness said, and its threads' stacks in its log, taken before the stop.
      assertTrue(reason.contains("its readiness answered HTTP 503") && reason.contains("database"), reason);
      String log = Files.readString(run.logs.resolve("whatsapp_bot_" + id + ".log"));
      int dump = log.indexOf("==== threads of bot " + id + " (pid " + first + "), not ready 10 s after");
      assertTrue(dump >= 0, "a thread dump under a header in the bot's log");
      assertTrue(log.indexOf("Full thread dump", dump) > dump, "jcmd's dump follows the header");
      assertFalse(s.get("ready").asBoolean());
      assertEquals(1, pidsOnCommandLine("-Dwabots.instance=" + id + " "), "restarted, one process");
    } finally {
      admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
      Launched.deleteTree(db);
    }
    assertEquals(0, pidsOnCommandLine("-Dwabots.instance=" + id + " "));
  }

  @Test
  void theFirstBotTrainsTheClassDataArchiveThatTheNextStartMaps() throws Exception {
    Path cds = emptiedCds();
    String id = createBot("Archive", Launched.freePort());
    long trainer = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(180));
    String cmdline = Files.readString(Path.of("/proc/" + trainer + "/cmdline")).replace('\0', ' ');
    if (cmdline.contains("-XX:AOTCacheOutput=")) {
      // JDK 25: the trainer ends its recording once it is ready and writes the cache while it serves.
      Path written = awaitArchive(cds, Duration.ofSeconds(120));
      assertTrue(written != null, "the cache is written while the first bot runs");
      assertTrue(ProcessHandle.of(trainer).map(ProcessHandle::isAlive).orElse(false), "the trainer runs on");
      assertTrue(status(id).get("ready").asBoolean(), "the trainer still serves");
    } else {
      assertTrue(cmdline.contains("-XX:ArchiveClassesAtExit="), cmdline);
    }
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null); // JDK 17: the trainer writes it on exit
    Path archive = archiveIn(cds);
    assertTrue(archive != null, "an archive in " + cds);
    assertTrue(Files.size(archive) > 10_000_000, "the archive holds Payara's classes: " + Files.size(archive) + " bytes");

    long pid = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    // Mapped, not merely named on the command line: the JVM would run on without a usable archive.
    String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
    assertTrue(maps.contains(archive.toString()), "the bot maps " + archive);
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  @Test
  void aTrainerStoppedAsSoonAsItIsReadyStillLeavesTheArchive() throws Exception {
    Path cds = emptiedCds();
    String id = createBot("Short trainer", Launched.freePort());
    admin.post("/admin/whatsapp/instances/" + id + "/start", null);
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(180));
    // Stopped before the supervisor ends its recording (3 s after ready): the trainer writes the
    // cache as it exits, and nothing may end the recording of a JVM that is exiting.
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
    Path archive = awaitArchive(cds, Duration.ofSeconds(60));
    assertTrue(archive != null, "the stopped trainer left its archive in " + cds + ": " + listing(cds));
    Thread.sleep(5_000); // past the moment the recording would have been ended: the archive stays
    assertTrue(Files.isRegularFile(archive), "still there: " + listing(cds));
    long pid = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
    awaitStatus(id, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    assertTrue(Files.readString(Path.of("/proc/" + pid + "/maps")).contains(archive.toString()),
        "the next start maps " + archive + " instead of training again");
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  /** The class-data folder, emptied: the next bot started is the trainer, not earlier tests' bots. */
  private static Path emptiedCds() throws IOException {
    Path cds = run.botCache.resolve("cds");
    if (Files.isDirectory(cds)) {
      try (var files = Files.list(cds)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
    }
    return cds;
  }

  /** The archive once it appears in {@code cds}, or null after {@code timeout}. */
  private static Path awaitArchive(Path cds, Duration timeout) throws IOException, InterruptedException {
    for (long until = System.nanoTime() + timeout.toNanos(); System.nanoTime() < until; Thread.sleep(500)) {
      Path archive = archiveIn(cds);
      if (archive != null) {
        return archive;
      }
    }
    return null;
  }

  private static String listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "(no folder)";
    }
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList().toString();
    }
  }

  /** The finished archive (.aot: an ahead-of-time cache, bots on JDK 25; .jsa: JDK 17), or null. */
  private static Path archiveIn(Path cds) throws IOException {
    if (!Files.isDirectory(cds)) {
      return null;
    }
    try (var files = Files.list(cds)) {
      return files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")).findFirst().orElse(null);
    }
  }

  @Test
  void refusesAPortTakenByAnotherProcessAndADisabledBot() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0)) {
      Reply taken = admin.post("/admin/whatsapp/instances", json("name", "Taken " + UUID.randomUUID().toString().substring(0, 6),
          "webhook_port", squatter.getLocalPort()));
      assertEquals(409, taken.status(), "a port in use is refused when it is set: " + taken);
      assertTrue(taken.json().get("message").asText().contains("pid " + ProcessHandle.current().pid()), taken.toString());
    }
    int port = Launched.freePort();
    String id = createBot("Blocked", port);
    try (ServerSocket squatter = new ServerSocket(port)) { // taken after it was set
      Reply r = admin.post("/admin/whatsapp/instances/" + id + "/start", null);
      assertEquals(409, r.status(), r.toString());
      assertTrue(r.json().get("message").asText().contains("pid " + ProcessHandle.current().pid()), r.toString());
      assertEquals(List.of("webhook_port"), r.errorFields());
      assertEquals("stopped", status(id).get("state").asText());
    }
    String disabled = createBot("Disabled", Launched.freePort());
    admin.put("/admin/whatsapp/instances/" + disabled, json("enabled", false));
    Reply r = admin.post("/admin/whatsapp/instances/" + disabled + "/start", null);
    assertEquals(400, r.status(), r.toString());
    assertEquals(List.of("enabled"), r.errorFields());
  }

  @Test
  void aBotTokenReadsOnlyItsOwnConfigAndNoAdminEndpoint() throws Exception {
    String secret = "EAAG-process-token-" + UUID.randomUUID();
    String mine = createBot("Token owner", Launched.freePort());
    admin.put("/admin/whatsapp/instances/" + mine, json("access_token", secret));
    String other = createBot("Token other", Launched.freePort());
    long pid = admin.post("/admin/whatsapp/instances/" + mine + "/start", null).json().get("pid").asLong();
    awaitStatus(mine, BotProcessesE2EIT::running, Duration.ofSeconds(120));
    String token = environ(pid).get("WA_INTERNAL_TOKEN");
    Api bot = run.api().withToken(token);

    Reply own = bot.get("/internal/config");
    assertEquals(200, own.status(), own.toString());
    assertEquals(mine, own.json().get("instance").get("id").asText());
    assertEquals(secret, own.json().get("instance").get("access_token").asText(), "secrets for its own process");
    assertEquals(secret, bot.get("/admin/whatsapp/instances/" + mine + "?include_token=true")
        .json().get("instance").get("access_token").asText());
    assertEquals(404, bot.get("/admin/whatsapp/instances/" + other + "?include_token=true").status());
    assertEquals(403, bot.get("/admin/whatsapp/instances").status());
    assertEquals(403, bot.get("/admin/whatsapp/instances/" + other).status());
    assertEquals(403, bot.get("/admin/users").status());
    assertEquals(403, bot.post("/admin/whatsapp/instances/" + other + "/start", null).status());
    assertEquals(403, admin.get("/internal/config").status(), "people cannot use the internal API");
    assertTrue(admin.get("/admin/whatsapp/instances/" + mine + "?include_token=true").json().get("instance")
        .get("access_token").asText().startsWith("••••"), "people get masks even when asking");

    admin.post("/admin/whatsapp/instances/" + mine + "/restart", null);
    assertEquals(403, bot.get("/internal/config").status(), "the old process's token died with it");
    admin.post("/admin/whatsapp/instances/" + mine + "/stop", null);
  }

  @Test
  void deletingARunningBotStopsItFirst() throws Exception {
    int port = Launched.freePort();
    String id = createBot("Deleted", port);
    long pid = admin.post("/admin/whatsapp/instances/" + id + "/start", null).json().get("pid").asLong();
    awaitStatus(id, s -> s.get("state").asText().equals("running"), Duration.ofSeconds(120));
    assertEquals(204, admin.delete("/admin/whatsapp/instances/" + id).status());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(listening(port));
    assertNotEquals(200, admin.get("/admin/whatsapp/instances/" + id + "/status").status());
  }

  static Map<String, String> environ(long pid) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
    Map<String, String> env = new java.util.HashMap<>();
    for (String kv : new String(raw, StandardCharsets.UTF_8).split("\0")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return env;
  }
}
