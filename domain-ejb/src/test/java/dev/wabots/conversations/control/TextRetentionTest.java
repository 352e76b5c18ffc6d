package dev.wabots.conversations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wabots.platform.InstantText;
import dev.wabots.platform.OrchestratorSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message texts go after their own bot's retention period; messages and counts stay. */
class TextRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-04T03:17:00Z");

  @TempDir Path dir;

  private String url;

  @BeforeEach
  void migrated() {
    url = "jdbc:sqlite:" + dir.resolve("secretary.db");
    OrchestratorSchema.flyway(url, getClass().getClassLoader()).migrate();
  }

  @Test
  void aMessageOlderThanItsBotsPeriodLosesItsTextAndTheCountsStay() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      bot(c, "short-bot", 8003, 30);
      bot(c, "default-bot", 8004, null);
      long shortBot = conversation(c, "short-bot", "79000000001", ago(31), "old text", 2);
      message(c, shortBot, ago(31), "old text");
      message(c, shortBot, ago(29), "recent text");
      long defaultBot = conversation(c, "default-bot", "79000000002", ago(31), "31 days old", 1);
      message(c, defaultBot, ago(31), "31 days old");

      TextRetention.Removed removed = TextRetention.run(c, NOW);

      assertEquals(1, removed.messages(), "only the 31-day-old message of the 30-day bot");
      assertNull(text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ? AND at = ?", shortBot,
          ago(31)));
      assertNull(text(c, "SELECT payload FROM conversation_messages WHERE conversation_id = ? AND at = ?", shortBot,
          ago(31)));
      assertEquals("recent text", text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ? AND at = ?",
          shortBot, ago(29)));
      assertEquals("31 days old", text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ?",
          defaultBot, null), "the default period is 180 days");
      assertEquals(2L, number(c, "SELECT COUNT(*) FROM conversation_messages WHERE conversation_id = ?", shortBot),
          "the message itself stays");
      assertEquals(2L, number(c, "SELECT message_count FROM conversations WHERE id = ?", shortBot), "the count stays");
      assertNull(text(c, "SELECT last_text FROM conversations WHERE id = ?", shortBot, null),
          "the list's copy of the last text goes too");
      assertEquals(1, removed.lastTexts());
    }
  }

  @Test
  void aChangedPeriodAppliesAtTheNextRunAndADeletedBotsConversationsKeepTheDefault() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      bot(c, "long-bot", 8003, 365);
      long kept = conversation(c, "long-bot", "79000000001", ago(200), "200 days old", 1);
      message(c, kept, ago(200), "200 days old");
      long orphan = conversation(c, "deleted-bot", "79000000002", ago(181), "181 days old", 1);
      message(c, orphan, ago(181), "181 days old");

      assertEquals(1, TextRetention.run(c, NOW).messages(), "the deleted bot's message, after 180 days");
      assertNull(text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ?", orphan, null));
      assertNotNull(text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ?", kept, null));

      try (PreparedStatement s = c.prepareStatement(
          "UPDATE whatsapp_instances SET message_retention_days = 90 WHERE id = 'long-bot'")) {
        s.executeUpdate();
      }
      assertEquals(1, TextRetention.run(c, NOW).messages());
      assertNull(text(c, "SELECT text FROM conversation_messages WHERE conversation_id = ?", kept, null));
      assertEquals(0, TextRetention.run(c, NOW).messages(), "nothing twice");
    }
  }

  @Test
  void theMigrationGivesExistingBotsTheDefaultsEveryHandOffOnTwelveHoursAndHundredEightyDays() throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      bot(c, "old-bot", 8003, null);
      try (PreparedStatement s = c.prepareStatement("SELECT handoff_on_contact + handoff_on_person_words"
          + " + handoff_on_ai_failure + handoff_on_too_expensive, handback_after_hours, message_retention_days"
          + " FROM whatsapp_instances");
          ResultSet r = s.executeQuery()) {
        r.next();
        assertEquals(4, r.getInt(1));
        assertEquals(12, r.getInt(2));
        assertEquals(180, r.getInt(3));
      }
    }
  }

  private static String ago(int days) {
    return InstantText.FIXED_TEXT.apply(NOW.minus(Duration.ofDays(days)));
  }

  private static void bot(Connection c, String id, int port, Integer days) throws SQLException {
    String at = InstantText.FIXED_TEXT.apply(NOW);
    try (PreparedStatement s = c.prepareStatement(days == null
        ? "INSERT INTO whatsapp_instances (id, name, webhook_port, created, updated) VALUES (?, ?, ?, ?, ?)"
        : "INSERT INTO whatsapp_instances (id, name, webhook_port, created, updated, message_retention_days)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, id);
      s.setInt(3, port);
      s.setString(4, at);
      s.setString(5, at);
      if (days != null) {
        s.setInt(6, days);
      }
      s.executeUpdate();
    }
  }

  private static long conversation(Connection c, String bot, String phone, String last, String lastText, int count)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO conversations (bot_id, phone, last_message_at, last_text,"
        + " message_count, created) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, bot);
      s.setString(2, phone);
      s.setString(3, last);
      s.setString(4, lastText);
      s.setInt(5, count);
      s.setString(6, last);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void message(Connection c, long conversation, String at, String text) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO conversation_messages (conversation_id, event_seq,"
        + " direction, author, at, type, text, payload) VALUES (?, 1, 'in', 'customer', ?, 'text', ?, '{}')")) {
      s.setLong(1, conversation);
      s.setString(2, at);
      s.setString(3, text);
      s.executeUpdate();
    }
  }

  /** The first column of the first row ({@code at} the optional second parameter), or "(no row)". */
  private static String text(Connection c, String sql, long id, String at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      if (at != null) {
        s.setString(2, at);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : "(no row)";
      }
    }
  }

  private static long number(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
