package dev.wabots.e2e;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code WABOTS_LOG_FORMAT=json}: the orchestrator's log and its bots' are one JSON object per line. */
class LogFormatE2EIT {

  static final ObjectMapper JSON = new ObjectMapper();

  static Launched run;

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theOrchestratorsAndTheBotsLogsAreJsonLinesForLogShippers() throws Exception {
    run = Launched.start("json-logs", Map.of("WABOTS_ADMIN_PASSWORD", "e2e-admin-password", "WABOTS_LOG_FORMAT", "json",
        "WABOTS_LOGS_MAX_MB", "1", "WABOTS_LOGS_KEEP", "2"));
    Api admin = run.api().login("admin", "e2e-admin-password");
    Reply created = admin.post("/admin/whatsapp/instances", json("name", "Json Bot", "webhook_port", Launched.freePort()));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().get("instance").get("id").asText();
    assertEquals(200, admin.post("/admin/whatsapp/instances/" + id + "/start", null).status());
    Bots.awaitStatus(admin, id, Bots::running, Duration.ofSeconds(180));
    assertEveryLineIsAJsonObject(run.logs.resolve("orchestrator.log"));
    assertEveryLineIsAJsonObject(run.logs.resolve("whatsapp_bot_" + id + ".log"));

    // Over 1 MB: each log is rotated by its own writer — renamed to .1 (the same file, not a copy)
    // and a new one opened, where the writer goes on in the same format.
    for (Path log : List.of(run.logs.resolve("orchestrator.log"), run.logs.resolve("whatsapp_bot_" + id + ".log"))) {
      Object before = Files.readAttributes(log, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
      StringBuilder padding = new StringBuilder();
      for (int i = 0; i < 12_000; i++) {
        padding.append("{\"Level\":\"INFO\",\"LogMessage\":\"padding ").append(i).append(' ').append("x".repeat(60))
            .append("\"}\n"); // 12 000 × ~110 bytes: over the 1 MB limit
      }
      // One write call: Files.writeString would append in 8 KB pieces, and a line the orchestrator
      // logs meanwhile would land between two of them, in the middle of a padding line.
      try (FileChannel out = FileChannel.open(log, StandardOpenOption.APPEND)) {
        ByteBuffer bytes = ByteBuffer.wrap(padding.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
      Path older = log.resolveSibling(log.getFileName() + ".1");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(Files.exists(older) && Files.exists(log) && Files.size(log) > 0) && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertTrue(Files.exists(older), log.getFileName() + " rotated");
      assertEquals(before, Files.readAttributes(older, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
          log.getFileName() + ": renamed away, not copied and cut");
      assertTrue(Files.readString(older).contains("padding 11999 "), "every line kept");
      while (!Files.readString(log).contains("rotated") && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertTrue(Files.readString(log).contains("rotated"), log.getFileName() + ": the writer says so in the new file: "
          + Files.readString(log));
      assertEveryLineIsAJsonObject(older);
    }
    admin.post("/admin/whatsapp/instances/" + id + "/stop", null);
  }

  /**
   * Every log record is one JSON object. What is no record stays as it is: the supervisor's start
   * marker of a bot and the few lines its JVM prints itself (e.g. native-access warnings).
   */
  static void assertEveryLineIsAJsonObject(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    long json = 0;
    for (String line : lines) {
      if (line.startsWith("{")) {
        JsonNode record;
        try {
          record = JSON.readTree(line);
        } catch (Exception e) {
          throw new AssertionError(log.getFileName() + ": not a JSON line: " + line, e);
        }
        // A record of only an exception (Payara's own, e.g. a health probe whose connection closed) has no LogMessage.
        assertTrue(record.isObject() && record.has("Level") && (record.has("LogMessage") || record.has("Throwable")), line);
        json++;
      } else {
        assertFalse(RECORD.matcher(line).find(), log.getFileName() + ": a record in the plain format: " + line);
        assertFalse(line.startsWith("\tat ") || line.startsWith("Caused by: "),
            log.getFileName() + ": a stack trace printed outside a record: " + line);
      }
    }
    // The JVM's own lines: native-access warnings (4), and on the first start under JDK 25 the
    // class-data archive's recording (jcmd's reply, the AOT child's "Picked up", "Reading", …: 7).
    assertTrue(json > 10 && json > lines.size() - 25, log.getFileName() + ": " + json + " JSON lines of " + lines.size());
  }

  /** The plain format's record line: {@code 2026-11-25 22:15:24.390 INFO    logger - message}. */
  static final java.util.regex.Pattern RECORD =
      java.util.regex.Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|WARNING|SEVERE)");
}
