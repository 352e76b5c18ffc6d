package dev.wabots.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V7: the statuses a database kept in their own table move onto the outbound rows they are about. */
class OutboundStatusesMigrationTest {

  @TempDir Path dir;

  @Test
  void statusesOfRecordedMessagesMoveOntoTheirRowsAndTheRestStay() throws Exception {
    Path file = dir.resolve("wa_sales_old.db");
    // The bot's schema as the build before left it (version 6).
    Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations(BotDatabase.MIGRATIONS)
        .table(BotDatabase.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0").target("6").load().migrate();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("INSERT INTO outbound (wamid, phone, type, sent_at, status) VALUES"
          + " ('w.1', '79000000001', 'text', '2026-01-01T00:00:00Z', 'delivered'),"
          + " ('w.2', '79000000001', 'text', '2026-01-01T00:00:01Z', 'accepted')");
      st.execute("INSERT INTO statuses (message_id, status, at, recipient, raw) VALUES"
          // Received read, then a late delivered: the old row says delivered, the furthest is read.
          + " ('w.1', 'sent', '2026-01-01T00:00:02Z', '79000000001', '{}'),"
          + " ('w.1', 'read', '2026-01-01T00:00:03Z', '79000000001', '{}'),"
          + " ('w.1', 'delivered', '2026-01-01T00:00:04Z', '79000000001', '{}'),"
          + " ('w.1', 'deleted', '2026-01-01T00:00:05Z', '79000000001', '{\"kept\":1}'),"
          + " ('w.unknown', 'sent', '2026-01-01T00:00:06Z', '79000000002', '{\"kept\":2}')");
    }
    BotDatabase db = new BotDatabase(null, null);
    db.openAt(file);
    db.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      try (ResultSet r = st.executeQuery("SELECT status, reported_sent_at, delivered_at, read_at, played_at, failed_at"
          + " FROM outbound ORDER BY wamid")) {
        r.next();
        assertEquals("read|2026-01-01T00:00:02Z|2026-01-01T00:00:04Z|2026-01-01T00:00:03Z|null|null", row(r));
        r.next();
        assertEquals("accepted|null|null|null|null|null", row(r));
      }
      try (ResultSet r = st.executeQuery("SELECT message_id || ' ' || status FROM statuses ORDER BY message_id")) {
        r.next();
        assertEquals("w.1 deleted", r.getString(1), "a kind the bot does not know stays");
        r.next();
        assertEquals("w.unknown sent", r.getString(1), "a message with no row stays");
        assertEquals(false, r.next());
      }
    }
  }

  private static String row(ResultSet r) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      b.append(i > 1 ? "|" : "").append(r.getString(i));
    }
    return b.toString();
  }
}
