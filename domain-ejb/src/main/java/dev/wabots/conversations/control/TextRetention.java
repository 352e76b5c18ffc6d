package dev.wabots.conversations.control;

import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.InstantText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes the texts of messages older than their bot's {@code message_retention_days}: the text,
 * the payload it came in and a voice note's transcript, and the conversation list's copy of the
 * last text. The messages, their times and every count stay. Conversations of bots deleted since
 * keep the default period. Plain JDBC on the caller's connection (and transaction).
 */
public final class TextRetention {

  private static final String MESSAGES = "UPDATE conversation_messages SET text = NULL, payload = NULL,"
      + " transcript = NULL WHERE at < ? AND (text IS NOT NULL OR payload IS NOT NULL OR transcript IS NOT NULL)"
      + " AND conversation_id IN (SELECT id FROM conversations WHERE ";
  private static final String LAST_TEXTS = "UPDATE conversations SET last_text = NULL"
      + " WHERE last_message_at < ? AND last_text IS NOT NULL AND ";
  private static final String OF_BOT = "bot_id = ?";
  private static final String OF_NO_BOT = "bot_id NOT IN (SELECT id FROM whatsapp_instances)";

  private TextRetention() {}

  /** What one run removed: message texts, and conversations' last texts. */
  public record Removed(int messages, int lastTexts) {
    Removed plus(Removed other) {
      return new Removed(messages + other.messages, lastTexts + other.lastTexts);
    }
  }

  /** Each bot's retention period in days. */
  public static Map<String, Integer> periods(Connection c) throws SQLException {
    Map<String, Integer> days = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, message_retention_days FROM whatsapp_instances ORDER BY id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        days.put(r.getString(1), r.getInt(2));
      }
    }
    return days;
  }

  /** Removes the texts older than each bot's period at {@code now}. */
  public static Removed run(Connection c, Instant now) throws SQLException {
    Removed removed = new Removed(0, 0);
    for (Map.Entry<String, Integer> bot : periods(c).entrySet()) {
      removed = removed.plus(remove(c, OF_BOT, bot.getKey(), before(now, bot.getValue())));
    }
    return removed.plus(remove(c, OF_NO_BOT, null, before(now, WhatsAppInstance.DEFAULT_RETENTION_DAYS)));
  }

  private static String before(Instant now, int days) {
    return InstantText.FIXED_TEXT.apply(now.minus(Duration.ofDays(Math.max(1, days))));
  }

  private static Removed remove(Connection c, String which, String bot, String before) throws SQLException {
    return new Removed(update(c, MESSAGES + which + ")", before, bot), update(c, LAST_TEXTS + which, before, bot));
  }

  private static int update(Connection c, String sql, String before, String bot) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, before);
      if (bot != null) {
        s.setString(2, bot);
      }
      return s.executeUpdate();
    }
  }
}
