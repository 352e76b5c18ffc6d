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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

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
  /** At most this many webhook batches share one transaction. */
  static final int GROUP_MAX = 256;

  private static final String ROW_COLUMNS =
      "seq, raw, phone, profile_name, state, plan, sent, attempts, next_attempt, business, type, author";
  static final String OPERATOR_TYPE = "Operator";

  @Inject BotDatabase database;

  @Inject Outbox outbox;

  /** What the intake stored from one webhook; {@code foreign}: events for another phone number. */
  public record Taken(List<InboundMessage> newMessages, int duplicates, int statuses, int foreign) {}

  /** Webhook batches waiting for their transaction; whoever leads stores them all. */
  private final ConcurrentLinkedQueue<Pending> intake = new ConcurrentLinkedQueue<>();
  /** Whether an intake thread (the leader) is waiting for or holding the write turn for the queue. */
  private final AtomicBoolean leading = new AtomicBoolean();

  private static final class Pending {
    final WebhookBatch batch;
    final String phoneNumberId;
    /** The request thread waiting for this batch: woken alone when its batch is done or it may lead. */
    final Thread waiter = Thread.currentThread();
    volatile boolean done;
    volatile Taken taken;
    volatile RuntimeException failure;

    Pending(WebhookBatch batch, String phoneNumberId) {
      this.batch = batch;
      this.phoneNumberId = phoneNumberId;
    }

    /** Marks the batch done (its outcome set before) and wakes its thread. */
    void finish() {
      done = true;
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Stores every new message and status of the batch for this bot's phone number, committed before
   * this returns; duplicates are skipped, events of other numbers (one Meta app can serve several)
   * are acknowledged and left alone.
   *
   * <p>Group commit: one intake thread at a time (the leader) waits for the write turn and stores
   * every batch queued by then in one transaction; the others wait for the leader, not for the
   * database, and find their batch done — or lead the next group. A burst of webhooks then costs a
   * few transactions, and no webhook waits behind a chain of write turns taken only to find its
   * batch already stored (under CPU starvation each hand-on of the lock costs a scheduling delay).
   * A failed transaction fails every batch in it; if the write turn does not come at all, every
   * batch waiting then fails with it. Each sender gets its 503, and Meta delivers again.
   *
   * @throws StoreException if the batch could not be stored (nothing of it was)
   */
  public Taken accept(WebhookBatch batch, String phoneNumberId) {
    Pending mine = new Pending(batch, phoneNumberId);
    intake.add(mine);
    boolean interrupted = false;
    try {
      // Only the threads concerned are woken: the group's own when it is stored, and the next in line
      // to lead. (A notifyAll on one monitor woke every waiting request thread for every group, up to
      // 200 under load, each to contend for the monitor and wait again.)
      while (!mine.done) {
        if (leading.compareAndSet(false, true)) {
          try {
            storeGroup();
          } finally {
            leading.set(false);
            // Queued after the group was taken (or beyond GROUP_MAX): the head leads the next group.
            // A batch queued after this look finds the lead free itself.
            wakeHead();
          }
          continue;
        }
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
          if (intake.remove(mine)) {
            // It may have been woken to lead: the next in line does instead.
            wakeHead();
            throw new StoreException("interrupted while waiting to store a webhook", new InterruptedException());
          }
          // The leader has it: its outcome is this batch's outcome.
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.taken;
  }

  private void wakeHead() {
    Pending next = intake.peek();
    if (next != null) {
      LockSupport.unpark(next.waiter);
    }
  }

  /** The leader's work: waits for the write turn and stores up to {@link #GROUP_MAX} waiting batches. */
  private void storeGroup() {
    List<Pending> group = new ArrayList<>();
    try {
      // First in line for the write turn: a webhook's sender waits for its answer, processing can wait.
      database.transactions().writingFirst(s -> {
        for (Pending p; group.size() < GROUP_MAX && (p = intake.poll()) != null; ) {
          group.add(p);
        }
        List<Taken> taken = new ArrayList<>(group.size());
        String now = Instant.now().toString();
        for (Pending p : group) {
          taken.add(take(s, p.batch, p.phoneNumberId, now, outbox));
        }
        for (int i = 0; i < group.size(); i++) {
          group.get(i).taken = taken.get(i);
        }
      });
      group.forEach(Pending::finish);
    } catch (RuntimeException | Error e) {
      if (group.isEmpty()) {
        // The write turn itself did not come: every batch waiting now would wait as long again.
        for (Pending p; (p = intake.poll()) != null; ) {
          group.add(p);
        }
      }
      // Every batch of the group gets an outcome, or its thread would wait for it for ever.
      RuntimeException failure = e instanceof RuntimeException r ? r
          : new StoreException("the webhook could not be stored: " + e, e);
      for (Pending p : group) {
        p.taken = null;
        p.failure = failure;
        p.finish();
      }
      if (e instanceof Error error) {
        throw error;
      }
    }
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
      int inserted = s.update(
          "INSERT OR IGNORE INTO statuses (message_id, status, at, recipient, error_code, error_title, raw)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          st.id().value(), st.rawStatus(), now, st.recipientId(), code, title, st.rawJson());
      if (inserted == 0) {
        continue;
      }
      statuses++;
      s.update("UPDATE outbound SET status = ?, error_code = COALESCE(?, error_code),"
          + " error_title = COALESCE(?, error_title) WHERE wamid = ?", st.rawStatus(), code, title, st.id().value());
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
      s.update("INSERT OR IGNORE INTO outbound (wamid, phone, type, in_reply_to, sent_at) VALUES (?, ?, ?, ?, ?)",
          wamid, row.phone(), send.type(), row.byOperator() ? null : row.wamid(), Instant.now().toString());
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
