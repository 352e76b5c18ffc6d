package dev.wabots.bot.inbox;

import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotEvent;
import dev.wabots.funnel.store.Row;
import dev.wabots.funnel.store.Session;
import dev.wabots.funnel.store.StoreException;
import dev.wabots.whatsapp.BusinessPhone;
import dev.wabots.whatsapp.DeliveryStatus;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.MessageText;
import dev.wabots.whatsapp.StatusUpdate;
import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable side of the webhook: what Meta delivered, taken exactly once, and what became of it.
 * The intake commits a whole batch in one transaction before the webhook answers 200; rows are
 * read back typed (the message as parsed, the plan as {@link Reply}s, the state as {@link
 * RowState}).
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = System.getLogger(Inbox.class.getName());
  /** The 24-hour customer service window. */
  static final Duration WINDOW = Duration.ofHours(24);

  private static final String ROW_COLUMNS =
      "seq, raw, phone, profile_name, state, plan, sent, attempts, next_attempt, business, type, author";
  static final String OPERATOR_TYPE = "Operator";

  @Inject BotDatabase database;

  @Inject Outbox outbox;

  /** What the intake stored from one webhook; {@code foreign}: events for another phone number. */
  public record Taken(List<InboundMessage> newMessages, int duplicates, int statuses, int foreign) {}

  /**
   * Stores every new message and status of the batch for this bot's phone number, committed before
   * this returns; duplicates are skipped, events of other numbers (one Meta app can serve several)
   * are acknowledged and left alone.
   *
   * <p>The store commits webhooks that wait together in one transaction, each in a savepoint of its
   * own, ahead of the processing's writes ({@link dev.wabots.funnel.store.Transactions#writeFirst}):
   * a burst of webhooks costs a few commits, and a batch that fails is rolled back alone, its sender
   * gets a 503 and Meta delivers it again.
   *
   * @throws StoreException if the batch could not be stored (nothing of it was), or the write turn
   *     did not come within the store's write wait
   */
  public Taken accept(WebhookBatch batch, String phoneNumberId) {
    return database.transactions().writeFirst(s -> take(s, batch, phoneNumberId, Instant.now().toString(), outbox));
  }

  private static Taken take(Session s, WebhookBatch batch, String phoneNumberId, String now, Outbox outbox) {
    List<InboundMessage> fresh = new ArrayList<>();
    int duplicates = 0;
    int foreign = 0;
    for (InboundMessage m : batch.messages()) {
      if (!ours(m.business(), phoneNumberId)) {
        foreign++;
        continue;
      }
      int inserted = s.update(
          "INSERT OR IGNORE INTO inbox (wamid, phone, profile_name, type, received_at, raw, business)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          m.id().value(), m.from().digits(), m.profileName().orElse(null), m.content().getClass().getSimpleName(), now,
          m.rawJson(), m.business().phoneNumberId());
      if (inserted == 0) {
        duplicates++;
        continue;
      }
      fresh.add(m);
      outbox.append(s, m.from().digits(), new BotEvent.MessageIn(m.id().value(), m.profileName().orElse(null),
          m.content().type(), MessageText.of(m.content()), m.rawJson()));
      s.update("INSERT INTO conversations (phone, last_inbound, window_closed) VALUES (?, ?, 0)"
          + " ON CONFLICT (phone) DO UPDATE SET last_inbound = excluded.last_inbound, window_closed = 0",
          m.from().digits(), now);
    }
    int statuses = 0;
    for (StatusUpdate st : batch.statuses()) {
      if (!ours(st.business(), phoneNumberId)) {
        foreign++;
        continue;
      }
      Integer code = st.errors().isEmpty() ? null : st.errors().get(0).code();
      String title = st.errors().isEmpty() ? null : st.errors().get(0).title();
      if (!DeliveryStatuses.record(s, new DeliveryStatuses.Reported(st.id().value(), st.rawStatus(), now,
          st.recipientId(), code, title, st.rawJson()))) {
        continue;
      }
      statuses++;
      if (st.status() == DeliveryStatus.FAILED && code != null && code == 131047 && st.recipientId() != null) {
        s.update("INSERT INTO conversations (phone, window_closed) VALUES (?, 1)"
            + " ON CONFLICT (phone) DO UPDATE SET window_closed = 1", st.recipientId());
      }
    }
    return new Taken(fresh, duplicates, statuses, foreign);
  }

  private static boolean ours(BusinessPhone business, String phoneNumberId) {
    return phoneNumberId == null || business == null || business.phoneNumberId() == null
        || phoneNumberId.equals(business.phoneNumberId());
  }

  /** One user's unfinished rows, oldest first. */
  public List<InboxRow> unfinished(String phone) {
    List<Stored> stored = database.transactions().read(s -> s.list(
        "SELECT " + ROW_COLUMNS + " FROM inbox WHERE phone = ? AND state IN ('pending', 'planned') ORDER BY seq",
        Stored::of, phone));
    List<InboxRow> rows = new ArrayList<>(stored.size());
    for (Stored row : stored) {
      try {
        rows.add(row.typed());
      } catch (InvalidWebhookException | IllegalArgumentException e) {
        LOG.log(Level.ERROR, "Inbox row {0} cannot be read back: {1}; it is marked failed", row.seq(), e.getMessage());
        finish(row.seq(), RowState.FAILED, "cannot be read back: " + e.getMessage());
      }
    }
    return rows;
  }

  /** Phone numbers with unfinished rows (after a crash, or postponed), oldest first. */
  public List<String> phonesWithUnfinished() {
    return database.transactions().read(s -> s.list(
        "SELECT phone FROM inbox WHERE state IN ('pending', 'planned') GROUP BY phone ORDER BY MIN(seq)",
        r -> r.text(1)));
  }

  /** Stores the replies to send and marks the row planned, inside the caller's write transaction. */
  public void plan(Session s, long seq, List<Reply> plan) {
    s.update("UPDATE inbox SET state = 'planned', plan = ?, sent = 0 WHERE seq = ?", Plans.encode(plan), seq);
  }

  /** Replaces the plan (a resolved AI answer or voice note), keeping the count already sent. */
  public void replan(long seq, List<Reply> plan, int sent) {
    database.transactions().writing(
        s -> s.update("UPDATE inbox SET plan = ?, sent = ? WHERE seq = ?", Plans.encode(plan), sent, seq));
  }

  /**
   * One planned reply was accepted by the Graph API: remembered before the next is sent, and
   * published as the customer saw it.
   */
  public void sent(InboxRow row, int count, String wamid, Reply.Send send) {
    sent(row, count, wamid, send, false);
  }

  /**
   * {@link #sent(InboxRow, int, String, Reply.Send)}; when {@code done}, the row is finished ({@link
   * RowState#DONE}) in the same transaction — the last reply of a plan costs one commit, not two.
   */
  public void sent(InboxRow row, int count, String wamid, Reply.Send send, boolean done) {
    database.transactions().writing(s -> {
      if (done) {
        // The count and the row's end in one statement (finish() would be a second).
        s.update("UPDATE inbox SET sent = ?, attempts = 0, state = ?, last_error = NULL, done_at = ?, next_attempt = NULL"
            + " WHERE seq = ?", count, RowState.DONE.code(), Instant.now().toString(), row.seq());
      } else {
        s.update("UPDATE inbox SET sent = ?, attempts = 0, next_attempt = NULL WHERE seq = ?", count, row.seq());
      }
      if (s.update("INSERT OR IGNORE INTO outbound (wamid, phone, type, in_reply_to, sent_at) VALUES (?, ?, ?, ?, ?)",
          wamid, row.phone(), send.type(), row.byOperator() ? null : row.wamid(), Instant.now().toString()) == 1) {
        DeliveryStatuses.takeOver(s, wamid); // what Meta reported before this commit
      }
      outbox.append(s, row.phone(), new BotEvent.MessageOut(wamid, send.type(), MessageText.ofRequest(send.request()),
          send.request(), row.sender()));
    });
  }

  /**
   * Queues replies a person asked for, in the caller's write transaction: a planned row of the
   * customer's lane, sent like the bot's own (pacing, retries, exactly once).
   *
   * @return its number
   */
  public long enqueue(Session s, String phone, List<Reply> plan, String operator, String command) {
    return enqueue(s, phone, plan, operator, command, "operator:" + java.util.UUID.randomUUID());
  }

  /**
   * {@link #enqueue(Session, String, List, String, String)} once per {@code key}: a key queued before
   * queues nothing.
   *
   * @return the row's sequence number, or -1 if the key was queued before
   */
  public long enqueue(Session s, String phone, List<Reply> plan, String operator, String command, String key) {
    return s.insert("INSERT OR IGNORE INTO inbox (wamid, phone, type, received_at, raw, state, plan, sent, author)"
            + " VALUES (?, ?, ?, ?, ?, 'planned', ?, 0, ?)",
        key, phone, OPERATOR_TYPE, Instant.now().toString(), command, Plans.encode(plan), operator);
  }

  /** The row is finished ({@code state} is not open); {@code error} says why when it failed. */
  public void finish(long seq, RowState state, String error) {
    database.transactions().writing(s -> finish(s, seq, state, error));
  }

  /** {@link #finish(long, RowState, String)} inside the caller's write transaction. */
  public void finish(Session s, long seq, RowState state, String error) {
    if (state.open()) {
      throw new IllegalArgumentException("a finished row cannot be " + state.code());
    }
    s.update("UPDATE inbox SET state = ?, last_error = ?, done_at = ?, next_attempt = NULL WHERE seq = ?",
        state.code(), error, Instant.now().toString(), seq);
  }

  /** A transient failure: counted, with the time of the next attempt. */
  public void postpone(long seq, Instant next, String error) {
    database.transactions().writing(s -> s.update(
        "UPDATE inbox SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE seq = ?",
        next.toString(), error, seq));
  }

  /** Records why the row waits, without postponing it. */
  public void note(long seq, String error) {
    database.transactions().writing(s -> s.update("UPDATE inbox SET last_error = ? WHERE seq = ?", error, seq));
  }

  /** Whether free text may not go to this user: no message from them in 24 hours, or Meta said 131047. */
  public boolean windowClosed(String phone, Instant now) {
    return database.transactions().read(s -> s.first(
        "SELECT window_closed, last_inbound FROM conversations WHERE phone = ?",
        r -> r.flag(1) || r.isNull(2) || Instant.parse(r.text(2)).isBefore(now.minus(WINDOW)), phone))
        .orElse(true);
  }

  /** Counts per state for the status endpoint. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    database.transactions().read(s -> s.list("SELECT state, COUNT(*) FROM inbox GROUP BY state",
        r -> counts.put(r.text(1), r.number(2))));
    return counts;
  }

  /** A row as stored, before it is read back typed. */
  private record Stored(long seq, String raw, String phone, String profileName, String state, String plan, int sent,
      int attempts, String nextAttempt, String business, String type, String author) {
    static Stored of(Row r) {
      return new Stored(r.number(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.integer(7), r.integer(8),
          r.text(9), r.text(10), r.text(11), r.text(12));
    }

    InboxRow typed() throws InvalidWebhookException {
      InboundMessage message = OPERATOR_TYPE.equals(type) ? null
          : WebhookParser.message(raw, new BusinessPhone(business, ""), profileName);
      return new InboxRow(seq, phone, message, RowState.of(state), Plans.decode(plan), sent, attempts,
          nextAttempt == null ? null : Instant.parse(nextAttempt), author);
    }
  }
}
