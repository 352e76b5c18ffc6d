package dev.wabots.bot.inbox;

import dev.wabots.bot.store.BotDatabase;
import dev.wabots.whatsapp.DeliveryStatus;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.StatusUpdate;
import dev.wabots.whatsapp.WebhookBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The durable side of the webhook: what Meta delivered, taken exactly once, and what became of it.
 * The intake commits a whole batch in one transaction before the webhook answers 200.
 */
@ApplicationScoped
public class Inbox {

  @Inject BotDatabase database;

  /** A message taken from a webhook and not finished yet. */
  public record Row(long seq, String wamid, String phone, String profileName, String type, String raw,
      String state, List<String> plan, int sent, int attempts) {}

  /** What the intake stored from one webhook; {@code foreign}: events for another phone number. */
  public record Taken(List<Row> newMessages, int duplicates, int statuses, int foreign) {}

  /** Webhook batches waiting for their transaction; whoever holds the write lock stores them all. */
  private final ConcurrentLinkedQueue<Pending> intake = new ConcurrentLinkedQueue<>();

  /** At most this many webhook batches share one transaction. */
  static final int GROUP_MAX = 256;

  private static final class Pending {
    final WebhookBatch batch;
    final String phoneNumberId;
    volatile boolean done;
    volatile Taken taken;
    volatile SQLException failure;

    Pending(WebhookBatch batch, String phoneNumberId) {
      this.batch = batch;
      this.phoneNumberId = phoneNumberId;
    }
  }

  /**
   * Stores every new message and status of the batch for this bot's phone number, committed before
   * this returns; duplicates are skipped, events of other numbers (one Meta app can serve several)
   * are acknowledged and left alone.
   *
   * <p>Group commit: batches that arrive while another is being written wait for the write lock
   * together, and the first of them to get it stores all of them in one transaction (the others
   * find theirs done). A burst of webhooks then costs a few transactions, not one each; a failed
   * transaction fails every batch in it, and each sender gets its 503 (Meta delivers again).
   */
  public Taken accept(WebhookBatch batch, String phoneNumberId) throws SQLException {
    Pending mine = new Pending(batch, phoneNumberId);
    intake.add(mine);
    try (Connection c = database.write()) {
      while (!mine.done) {
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < GROUP_MAX && (p = intake.poll()) != null; ) {
          group.add(p);
        }
        if (group.isEmpty()) {
          throw new IllegalStateException("webhook batch neither stored nor queued");
        }
        store(c, group);
      }
    }
    if (mine.failure != null) {
      throw new SQLException(mine.failure.getMessage(), mine.failure);
    }
    return mine.taken;
  }

  private void store(Connection c, List<Pending> group) throws SQLException {
    c.setAutoCommit(false);
    try {
      String now = Instant.now().toString();
      List<Taken> taken = new ArrayList<>(group.size());
      try (PreparedStatement insert = c.prepareStatement(
              "INSERT OR IGNORE INTO inbox (wamid, phone, profile_name, type, received_at, raw) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement seq = c.prepareStatement("SELECT seq FROM inbox WHERE wamid = ?");
          PreparedStatement window = c.prepareStatement(
              "INSERT INTO conversations (phone, last_inbound, window_closed) VALUES (?, ?, 0)"
                  + " ON CONFLICT (phone) DO UPDATE SET last_inbound = excluded.last_inbound, window_closed = 0");
          PreparedStatement status = c.prepareStatement(
              "INSERT OR IGNORE INTO statuses (message_id, status, at, recipient, error_code, error_title, raw)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement outbound = c.prepareStatement(
              "UPDATE outbound SET status = ?, error_code = COALESCE(?, error_code), error_title = COALESCE(?, error_title)"
                  + " WHERE wamid = ?");
          PreparedStatement closeWindow = c.prepareStatement(
              "INSERT INTO conversations (phone, window_closed) VALUES (?, 1)"
                  + " ON CONFLICT (phone) DO UPDATE SET window_closed = 1")) {
        for (Pending p : group) {
          taken.add(take(p.batch, p.phoneNumberId, now, insert, seq, window, status, outbound, closeWindow));
        }
      }
      c.commit();
      for (int i = 0; i < group.size(); i++) {
        group.get(i).taken = taken.get(i);
        group.get(i).done = true;
      }
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      SQLException failure = e instanceof SQLException sql ? sql : new SQLException(e.toString(), e);
      for (Pending p : group) {
        p.failure = failure;
        p.done = true;
      }
    }
    // The pool puts the connection back in auto-commit mode when it is returned.
  }

  private static Taken take(WebhookBatch batch, String phoneNumberId, String now, PreparedStatement insert,
      PreparedStatement seq, PreparedStatement window, PreparedStatement status, PreparedStatement outbound,
      PreparedStatement closeWindow) throws SQLException {
    List<Row> fresh = new ArrayList<>();
    int duplicates = 0;
    int foreign = 0;
    for (InboundMessage m : batch.messages()) {
      if (!ours(m.business(), phoneNumberId)) {
        foreign++;
        continue;
      }
      String type = m.content().getClass().getSimpleName();
      insert.setString(1, m.id().value());
      insert.setString(2, m.from().digits());
      insert.setString(3, m.profileName().orElse(null));
      insert.setString(4, type);
      insert.setString(5, now);
      insert.setString(6, m.rawJson());
      if (insert.executeUpdate() == 0) {
        duplicates++;
        continue;
      }
      seq.setString(1, m.id().value());
      try (ResultSet r = seq.executeQuery()) {
        r.next();
        fresh.add(new Row(r.getLong(1), m.id().value(), m.from().digits(), m.profileName().orElse(null), type,
            m.rawJson(), "pending", List.of(), 0, 0));
      }
      window.setString(1, m.from().digits());
      window.setString(2, now);
      window.executeUpdate();
    }
    int statuses = 0;
    for (StatusUpdate s : batch.statuses()) {
      if (!ours(s.business(), phoneNumberId)) {
        foreign++;
        continue;
      }
      Integer code = s.errors().isEmpty() ? null : s.errors().get(0).code();
      String title = s.errors().isEmpty() ? null : s.errors().get(0).title();
      status.setString(1, s.id().value());
      status.setString(2, s.rawStatus());
      status.setString(3, now);
      status.setString(4, s.recipientId());
      if (code == null) {
        status.setNull(5, java.sql.Types.INTEGER);
      } else {
        status.setInt(5, code);
      }
      status.setString(6, title);
      status.setString(7, s.rawJson());
      if (status.executeUpdate() == 0) {
        continue;
      }
      statuses++;
      outbound.setString(1, s.rawStatus());
      if (code == null) {
        outbound.setNull(2, java.sql.Types.INTEGER);
      } else {
        outbound.setInt(2, code);
      }
      outbound.setString(3, title);
      outbound.setString(4, s.id().value());
      outbound.executeUpdate();
      if (s.status() == DeliveryStatus.FAILED && code != null && code == 131047 && s.recipientId() != null) {
        closeWindow.setString(1, s.recipientId());
        closeWindow.executeUpdate();
      }
    }
    return new Taken(fresh, duplicates, statuses, foreign);
  }

  private static boolean ours(dev.wabots.whatsapp.BusinessPhone business, String phoneNumberId) {
    return phoneNumberId == null || business == null || business.phoneNumberId() == null
        || phoneNumberId.equals(business.phoneNumberId());
  }

  /** One user's unfinished rows, oldest first. */
  public List<Row> unfinished(String phone) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT seq, wamid, phone, profile_name, type, raw, state, plan, sent, attempts FROM inbox"
                + " WHERE phone = ? AND state IN ('pending', 'planned') ORDER BY seq")) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
    }
    return rows;
  }

  /** Phone numbers with unfinished rows (after a crash, or postponed). */
  public List<String> phonesWithUnfinished() throws SQLException {
    List<String> phones = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT phone FROM inbox WHERE state IN ('pending', 'planned') GROUP BY phone ORDER BY MIN(seq)");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        phones.add(r.getString(1));
      }
    }
    return phones;
  }

  public Optional<Row> find(long seq) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(
            "SELECT seq, wamid, phone, profile_name, type, raw, state, plan, sent, attempts FROM inbox WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** Stores the replies to send, inside the caller's transaction (the funnel step's). */
  public static void plan(Connection c, long seq, List<String> requests) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE inbox SET state = 'planned', plan = ?, sent = 0 WHERE seq = ?")) {
      var array = Json.createArrayBuilder();
      requests.forEach(array::add);
      s.setString(1, array.build().toString());
      s.setLong(2, seq);
      s.executeUpdate();
    }
  }

  /** Replaces the plan (a resolved AI answer or voice note), keeping the count already sent. */
  public void plan(long seq, List<String> requests, int sent) throws SQLException {
    try (Connection c = database.write();
        PreparedStatement s = c.prepareStatement("UPDATE inbox SET plan = ?, sent = ? WHERE seq = ?")) {
      var array = Json.createArrayBuilder();
      requests.forEach(array::add);
      s.setString(1, array.build().toString());
      s.setInt(2, sent);
      s.setLong(3, seq);
      s.executeUpdate();
    }
  }

  public void markPlanned(long seq) throws SQLException {
    try (Connection c = database.write();
        PreparedStatement s = c.prepareStatement("UPDATE inbox SET state = 'planned' WHERE seq = ?")) {
      s.setLong(1, seq);
      s.executeUpdate();
    }
  }

  /** One planned reply was accepted by the Graph API: remember it before sending the next. */
  public void sent(long seq, int count, String wamid, String phone, String type, String inReplyTo) throws SQLException {
    try (Connection c = database.write()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("UPDATE inbox SET sent = ? WHERE seq = ?");
          PreparedStatement o = c.prepareStatement(
              "INSERT OR IGNORE INTO outbound (wamid, phone, type, in_reply_to, sent_at) VALUES (?, ?, ?, ?, ?)")) {
        s.setInt(1, count);
        s.setLong(2, seq);
        s.executeUpdate();
        o.setString(1, wamid);
        o.setString(2, phone);
        o.setString(3, type);
        o.setString(4, inReplyTo);
        o.setString(5, Instant.now().toString());
        o.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  public void finish(long seq, String state, String error) throws SQLException {
    try (Connection c = database.write();
        PreparedStatement s = c.prepareStatement(
            "UPDATE inbox SET state = ?, last_error = ?, done_at = ?, next_attempt = NULL WHERE seq = ?")) {
      s.setString(1, state);
      s.setString(2, error);
      s.setString(3, Instant.now().toString());
      s.setLong(4, seq);
      s.executeUpdate();
    }
  }

  /** A transient failure: counted, with the time of the next attempt. */
  public void postpone(long seq, Instant next, String error) throws SQLException {
    try (Connection c = database.write();
        PreparedStatement s = c.prepareStatement(
            "UPDATE inbox SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE seq = ?")) {
      s.setString(1, next.toString());
      s.setString(2, error);
      s.setLong(3, seq);
      s.executeUpdate();
    }
  }

  /** Whether Meta said the 24-hour window with this user is closed (131047) since they last wrote. */
  public boolean windowClosed(String phone) throws SQLException {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement("SELECT window_closed, last_inbound FROM conversations WHERE phone = ?")) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return true;
        }
        String last = r.getString(2);
        return r.getInt(1) == 1 || last == null || Instant.parse(last).isBefore(Instant.now().minusSeconds(24 * 3600));
      }
    }
  }

  /** Counts for the status endpoint. */
  public java.util.Map<String, Long> counts() throws SQLException {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM inbox GROUP BY state");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        counts.put(r.getString(1), r.getLong(2));
      }
    }
    return counts;
  }

  private static Row row(ResultSet r) throws SQLException {
    List<String> plan = new ArrayList<>();
    String json = r.getString(8);
    if (json != null) {
      try (var reader = Json.createReader(new StringReader(json))) {
        JsonArray a = reader.readArray();
        a.getValuesAs(JsonString.class).forEach(v -> plan.add(v.getString()));
      }
    }
    return new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
        r.getString(7), plan, r.getInt(9), r.getInt(10));
  }
}
