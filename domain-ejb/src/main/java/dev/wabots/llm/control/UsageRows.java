package dev.wabots.llm.control;

import dev.wabots.llm.entity.LlmCall;
import dev.wabots.platform.InstantText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Writes a batch of usage rows with one prepared statement and one JDBC batch on the
 * transaction's own connection. Through JPA every row was an object the commit compared, an insert
 * of its own and a read-back of its generated id that nothing uses: at 500 answered messages a
 * second that was ~6 % of the orchestrator's CPU (JFR, BENCHMARKS.md). The rows are only ever read
 * as {@link LlmCall} entities, so the columns here are exactly that entity's mapping.
 */
public final class UsageRows {

  static final String INSERT = "INSERT INTO llm_usage (at, instance_id, backend, model, ok, error, http_status,"
      + " prompt_tokens, completion_tokens, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private UsageRows() {}

  /** Inserts {@code calls} in their order; the connection (and its transaction) stays the caller's. */
  public static void insert(Connection connection, List<LlmCall> calls) throws SQLException {
    if (calls.isEmpty()) {
      return;
    }
    try (PreparedStatement row = connection.prepareStatement(INSERT)) {
      for (LlmCall c : calls) {
        row.setString(1, InstantText.FIXED_TEXT.apply(c.at()));
        text(row, 2, c.instanceId());
        row.setString(3, c.backend());
        text(row, 4, c.model());
        row.setInt(5, c.ok() ? 1 : 0);
        text(row, 6, c.error());
        number(row, 7, c.httpStatus());
        number(row, 8, c.promptTokens());
        number(row, 9, c.completionTokens());
        row.setLong(10, c.latencyMs());
        row.addBatch();
      }
      row.executeBatch();
    }
  }

  private static void text(PreparedStatement s, int i, String value) throws SQLException {
    if (value == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, value);
    }
  }

  private static void number(PreparedStatement s, int i, Integer value) throws SQLException {
    if (value == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setInt(i, value);
    }
  }
}
