package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.llm.entity.LlmCall;
import dev.wabots.platform.OrchestratorSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage rows written as one JDBC batch land in the migrated table as the entity maps them. */
class UsageRowsTest {

  private static final Instant AT = Instant.parse("2026-12-05T22:31:07.120Z");

  @TempDir Path dir;

  private String url;

  @BeforeEach
  void migrated() {
    url = "jdbc:sqlite:" + dir.resolve("secretary.db");
    OrchestratorSchema.flyway(url, getClass().getClassLoader()).migrate();
  }

  @Test
  void answeredAndFailedCallsKeepEveryColumnAndTheirNulls() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      UsageRows.insert(c, List.of(
          LlmCall.answered(AT, "bot-1", "vllm", "qwen", 120, 35, 42),
          LlmCall.failed(AT.plusMillis(5), null, "cloud:openrouter", null, "timeout", null, 30_000)));
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT at, instance_id, backend, model, ok, error, http_status, prompt_tokens,"
              + " completion_tokens, latency_ms FROM llm_usage ORDER BY id")) {
        assertTrue(r.next());
        assertEquals("2026-12-05T22:31:07.120000000Z", r.getString(1), "the fixed-width text InstantText writes");
        assertEquals("bot-1", r.getString(2));
        assertEquals("vllm", r.getString(3));
        assertEquals("qwen", r.getString(4));
        assertEquals(1, r.getInt(5));
        assertEquals(null, r.getString(6));
        assertEquals(200, r.getInt(7));
        assertEquals(120, r.getInt(8));
        assertEquals(35, r.getInt(9));
        assertEquals(42L, r.getLong(10));
        assertTrue(r.next());
        assertEquals(null, r.getString(2), "a provider test has no bot");
        assertEquals("cloud:openrouter", r.getString(3));
        assertEquals(null, r.getString(4));
        assertEquals(0, r.getInt(5));
        assertEquals("timeout", r.getString(6));
        assertEquals(null, r.getObject(7));
        assertEquals(null, r.getObject(8));
        assertEquals(null, r.getObject(9));
        assertEquals(30_000L, r.getLong(10));
        assertFalse(r.next());
      }
    }
  }

  @Test
  void aLargeBatchIsWrittenWholeInItsOrder() throws SQLException {
    List<LlmCall> calls = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      calls.add(LlmCall.answered(AT.plusMillis(i), "bot-" + (i % 7), "vllm", "m", i, 1, i));
    }
    try (Connection c = DriverManager.getConnection(url)) {
      UsageRows.insert(c, calls);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(prompt_tokens), MAX(prompt_tokens),"
              + " SUM(id = prompt_tokens + 1) FROM llm_usage")) {
        r.next();
        assertEquals(2_000, r.getInt(1));
        assertEquals(0, r.getInt(2));
        assertEquals(1_999, r.getInt(3));
        assertEquals(2_000, r.getInt(4), "rows get their ids in the batch's order");
      }
    }
  }

  @Test
  void aRowTheSchemaRefusesFailsTheBatchAndTheCallersTransactionDecides() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      List<LlmCall> calls = List.of(LlmCall.answered(AT, "bot-1", "vllm", "m", 1, 1, 1),
          LlmCall.answered(AT, "bot-1", null, "m", 1, 1, 1));
      assertThrows(SQLException.class, () -> UsageRows.insert(c, calls), "backend is NOT NULL");
      c.rollback();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM llm_usage")) {
        r.next();
        assertEquals(0, r.getInt(1), "nothing of the batch stays after the rollback");
      }
    }
  }

  @Test
  void anEmptyBatchTouchesNothing() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.close();
      UsageRows.insert(c, List.of());
    }
  }
}
