package dev.wabots.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Leads and payments written straight into a running orchestrator's database, the way the
 * orchestrator stores them (fixed-width UTC times), for tests and benchmarks of the pages that only
 * read them: a real funnel walk per lead would take minutes each.
 */
public final class LeadSeed implements AutoCloseable {

  static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Connection db;
  private final PreparedStatement lead;

  public LeadSeed(Path data) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("secretary.db"));
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
    }
    db.setAutoCommit(false);
    lead = db.prepareStatement("INSERT INTO leads (bot_id, phone, name, first_at, last_at, segment, path, stage, quiz,"
        + " discovery, quote_low, quote_high, quote, checkout_at, payment_sum, payment_label, payment_sent_at,"
        + " paid_amount, paid_at, payment_flag, status, notes, events) VALUES"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, 5)",
        Statement.RETURN_GENERATED_KEYS);
  }

  /** A lead that went through the quiz and custom discovery to a quote; paid when {@code paidAmount} is given. */
  public long lead(String bot, String phone, String name, Instant firstAt, String segment, String task,
      long quoteLow, long quoteHigh, String paidAmount) throws SQLException {
    lead.setString(1, bot);
    lead.setString(2, phone);
    lead.setString(3, name);
    lead.setString(4, FIXED.format(firstAt));
    lead.setString(5, FIXED.format(firstAt.plusSeconds(600)));
    lead.setString(6, segment);
    lead.setString(7, segment.toLowerCase(java.util.Locale.ROOT));
    lead.setString(8, paidAmount == null ? "custom_step_5" : null);
    lead.setString(9, "{\"tech\":\"business\",\"infra\":\"cloud\"}");
    lead.setString(10, "{\"task\":" + quoted(task) + ",\"volume\":\"vol_mid\",\"integrations\":[\"int_bitrix\"],"
        + "\"timeline\":\"month\",\"budget\":\"b_mid\",\"completed\":true}");
    lead.setLong(11, quoteLow);
    lead.setLong(12, quoteHigh);
    lead.setString(13, "{\"volume\":\"vol_mid\",\"integrations\":[\"int_bitrix\"],\"subtotal\":" + quoteLow
        + ",\"total_min\":" + quoteLow + ",\"total_max\":" + quoteHigh + "}");
    lead.setString(14, FIXED.format(firstAt.plusSeconds(300)));
    lead.setLong(15, quoteLow);
    lead.setString(16, bot + ":" + phone);
    lead.setString(17, FIXED.format(firstAt.plusSeconds(300)));
    lead.setString(18, paidAmount);
    lead.setString(19, paidAmount == null ? null : FIXED.format(firstAt.plusSeconds(500)));
    lead.setString(20, null);
    lead.executeUpdate();
    try (var keys = lead.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  /** A YooMoney notification as stored: matched to a lead, or not (an unknown label). */
  public void payment(String operationId, String label, String amount, String bot, Long leadId, String flag)
      throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT INTO payments (operation_id, received_at, label, amount,"
        + " withdraw, currency, sender, bot_id, lead_id, matched, flag) VALUES (?, ?, ?, ?, ?, '643', '41001000', ?, ?, ?, ?)")) {
      p.setString(1, operationId);
      p.setString(2, FIXED.format(Instant.now()));
      p.setString(3, label);
      p.setString(4, amount);
      p.setString(5, amount);
      p.setString(6, bot);
      if (leadId == null) {
        p.setNull(7, java.sql.Types.INTEGER);
      } else {
        p.setLong(7, leadId);
      }
      p.setInt(8, leadId == null ? 0 : 1);
      p.setString(9, flag);
      p.executeUpdate();
    }
  }

  public void commit() throws SQLException {
    db.commit();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() throws SQLException {
    db.commit();
    lead.close();
    db.close();
  }
}
