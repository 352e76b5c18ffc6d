package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.testing.Api;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator dies, its bots keep serving; the next orchestrator re-adopts them instead of
 * starting them twice, and starts the auto-start bots that were not running. Then stop-all.
 */
class ReadoptionE2EIT {

  static Launched run;

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  static JsonNode status(Api api, String id) {
    return api.get("/admin/whatsapp/instances/" + id + "/status").json();
  }

  static JsonNode awaitRunning(Api api, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      s = status(api, id);
      if (s.get("state").asText().equals("running") && s.get("ready").asBoolean()) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(id + " not running: " + s);
  }

  @Test
  void aRestartedOrchestratorReadoptsRunningBotsAndAutoStartsTheOthers() throws Exception {
    run = Launched.start("readoption", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password"));
    Api admin = run.api().login("admin", "e2e-admin-password");
    int port = Launched.freePort();
    String survivor = admin.post("/admin/whatsapp/instances", json("name", "Survivor", "webhook_port", port))
        .json().get("instance").get("id").asText();
    String sleeper = admin.post("/admin/whatsapp/instances",
            json("name", "Sleeper", "webhook_port", Launched.freePort(), "auto_start", true))
        .json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + survivor + "/start", null).status());
    // The pid of the process that became ready: a start that fails is retried by a new process.
    long pid = awaitRunning(admin, survivor).get("pid").asLong();
    // A stale pid file of a process that no longer exists must be cleaned, not trusted.
    Files.writeString(run.data.resolve("run").resolve("bot-ghost.pid"),
        "{\"instance_id\":\"ghost\",\"pid\":999999,\"process_start\":\"\",\"port\":1,\"started_at\":\"2026-01-01T00:00:00Z\",\"token_id\":\"x\"}");

    run.kill9();
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the bot outlives the orchestrator");
    assertTrue(Bots.listening(port), "and keeps serving");

    run = run.again();
    admin = run.api().login("admin", "e2e-admin-password");
    JsonNode adopted = awaitRunning(admin, survivor);
    assertEquals(pid, adopted.get("pid").asLong(), "re-adopted, not started twice");
    assertEquals(1, Bots.pidsOnCommandLine("-Dwabots.instance=" + survivor + " ", run.data));
    assertFalse(Files.exists(run.data.resolve("run").resolve("bot-ghost.pid")), "stale pid file removed");
    JsonNode woke = awaitRunning(admin, sleeper);
    assertTrue(woke.get("pid").asLong() > 0, "auto_start bots are started by the new orchestrator");

    // An adopted bot is still supervised: stop works and frees the port.
    assertEquals("stopped", admin.post("/admin/whatsapp/instances/" + survivor + "/stop", null).json().get("status").asText());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

    // ./wabots stop-all stops every bot, with or without the orchestrator.
    long sleeperPid = woke.get("pid").asLong();
    Launched.CommandResult r = run.wabots(null, "stop-all");
    assertEquals(0, r.status(), r.output());
    assertTrue(r.output().contains(sleeper), r.output());
    assertFalse(ProcessHandle.of(sleeperPid).map(ProcessHandle::isAlive).orElse(false));
  }
}
