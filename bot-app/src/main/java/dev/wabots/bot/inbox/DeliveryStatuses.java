package dev.wabots.bot.inbox;

import dev.wabots.funnel.store.Session;
import dev.wabots.whatsapp.DeliveryStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Meta reported about the messages this bot sent, exactly once per message and status (Meta
 * delivers status webhooks at least once, in no particular order).
 *
 * <p>A status is kept on the message's {@code outbound} row: the time it was first reported, in the
 * status's own column, and {@code status}, the furthest reached (sent, delivered, read, played;
 * failed ends it), so a late {@code delivered} after {@code read} changes only its time. That is
 * one row changed per status webhook — the row the bot wrote moments before — where a table of
 * their own added a row and an index entry keyed by Meta's message id, a random page of the file
 * each (a busy bot's write-ahead log was a sixth such pages, BENCHMARKS.md). The {@code statuses}
 * table keeps, with Meta's JSON, what no outbound row takes: a status of a message whose row is not
 * written yet (Meta can report {@code sent} before the bot recorded the send; the row takes it over
 * when it is written) or not this bot's, and a kind of status this bot does not know.
 */
final class DeliveryStatuses {

  /**
   * The column of each status this bot knows. An {@link EnumMap} iterates in the enum's order, which
   * is the statuses' rank: sent 1, delivered 2, read 3, played 4, failed 5 ('accepted', the Graph
   * API's answer, is 0).
   */
  private static final Map<DeliveryStatus, String> COLUMNS = new EnumMap<>(Map.of(
      DeliveryStatus.SENT, "reported_sent_at",
      DeliveryStatus.DELIVERED, "delivered_at",
      DeliveryStatus.READ, "read_at",
      DeliveryStatus.PLAYED, "played_at",
      DeliveryStatus.FAILED, "failed_at"));
  /** The rank of the row's current status in SQL. */
  private static final String RANK;
  /** One statement per status (prepared once each): sets its time if unset and moves the status on. */
  private static final Map<DeliveryStatus, String> UPDATES = new EnumMap<>(DeliveryStatus.class);

  static {
    StringBuilder rank = new StringBuilder("CASE status");
    COLUMNS.keySet().forEach(kind -> rank.append(" WHEN '").append(code(kind)).append("' THEN ").append(rank(kind)));
    RANK = rank.append(" ELSE 0 END").toString();
    COLUMNS.forEach((status, column) -> UPDATES.put(status, "UPDATE outbound SET " + column + " = ?,"
        + " status = CASE WHEN " + RANK + " < ? THEN ? ELSE status END,"
        + " error_code = COALESCE(?, error_code), error_title = COALESCE(?, error_title)"
        + " WHERE wamid = ? AND " + column + " IS NULL"));
  }

  private static int rank(DeliveryStatus kind) {
    return kind.ordinal() + 1;
  }

  private static String code(DeliveryStatus kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private DeliveryStatuses() {}

  /** One status as Meta reported it. */
  record Reported(String messageId, String status, String at, String recipient, Integer errorCode, String errorTitle,
      String raw) {}

  /**
   * Records a status in the caller's write transaction.
   *
   * @return false if it was recorded before (a redelivery)
   */
  static boolean record(Session s, Reported r) {
    DeliveryStatus kind = DeliveryStatus.of(r.status());
    if (COLUMNS.containsKey(kind)) {
      if (onRow(s, kind, r)) {
        return true;
      }
      if (s.first("SELECT 1 FROM outbound WHERE wamid = ?", row -> true, r.messageId()).isPresent()) {
        return false; // the row has it already
      }
    }
    return s.update("INSERT OR IGNORE INTO statuses (message_id, status, at, recipient, error_code, error_title, raw)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.messageId(), r.status(), r.at(), r.recipient(), r.errorCode(), r.errorTitle(),
        r.raw()) == 1;
  }

  /**
   * The outbound row of {@code messageId} was just written: takes over the statuses reported before
   * it, in the caller's write transaction.
   */
  static void takeOver(Session s, String messageId) {
    List<Reported> early = s.list("SELECT status, at, recipient, error_code, error_title, raw FROM statuses"
            + " WHERE message_id = ?",
        row -> new Reported(messageId, row.text(1), row.text(2), row.text(3),
            row.isNull(4) ? null : row.integer(4), row.text(5), row.text(6)), messageId);
    for (Reported r : early) {
      DeliveryStatus kind = DeliveryStatus.of(r.status());
      if (COLUMNS.containsKey(kind)) {
        onRow(s, kind, r);
        s.update("DELETE FROM statuses WHERE message_id = ? AND status = ?", messageId, r.status());
      }
    }
  }

  private static boolean onRow(Session s, DeliveryStatus kind, Reported r) {
    return s.update(UPDATES.get(kind), r.at(), rank(kind), code(kind),
        r.errorCode(), r.errorTitle(), r.messageId()) == 1;
  }
}
