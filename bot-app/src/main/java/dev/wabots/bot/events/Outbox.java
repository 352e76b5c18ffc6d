package dev.wabots.bot.events;

import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.EventBatch;
import dev.wabots.funnel.store.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The bot's conversation events waiting for the orchestrator. An event is appended inside the
 * transaction of the work that caused it — so it exists exactly when that work happened — and is
 * deleted once the orchestrator acknowledged it.
 */
@ApplicationScoped
public class Outbox {

  private final BotDatabase database;

  /** For the container's proxy. */
  protected Outbox() {
    this(null);
  }

  @Inject
  public Outbox(BotDatabase database) {
    this.database = database;
  }

  private volatile Runnable onAppend = () -> {};

  /** Called (after the commit) whenever events were appended: the publisher wakes up. */
  public void onAppend(Runnable listener) {
    onAppend = listener;
  }

  /** Appends an event in the caller's write transaction. */
  public void append(Session s, String phone, BotEvent.Body body) {
    s.update("INSERT INTO outbox (at, phone, body) VALUES (?, ?, ?)", Instant.now(), phone, ContractJson.write(body));
    database.transactions().afterCommit(onAppend);
  }

  /** Appends an event in a transaction of its own (or the one open on this thread). */
  public void append(String phone, BotEvent.Body body) {
    database.transactions().writing(s -> append(s, phone, body));
  }

  /** The oldest events not acknowledged yet, at most {@code limit}, their bodies as stored (JSON). */
  public List<EventBatch.Stored> stored(int limit) {
    return database.transactions().read(s -> s.list(
        "SELECT seq, at, phone, body FROM outbox ORDER BY seq LIMIT ?",
        r -> new EventBatch.Stored(r.number(1), r.instant(2), r.text(3), r.text(4)), limit));
  }

  /**
   * The oldest events not acknowledged yet, at most {@code limit}, read back as records: for tests
   * and diagnostics; delivery sends them as stored ({@link #stored}).
   */
  public List<BotEvent> next(int limit) {
    return database.transactions().read(s -> s.list(
        "SELECT seq, at, phone, body FROM outbox ORDER BY seq LIMIT ?",
        r -> new BotEvent(r.number(1), r.instant(2), r.text(3), ContractJson.read(r.text(4), BotEvent.Body.class)),
        limit));
  }

  /** The orchestrator stored everything up to {@code seq}. */
  public void acknowledged(long seq) {
    database.transactions().writing(s -> s.update("DELETE FROM outbox WHERE seq <= ?", seq));
  }

  /** Events waiting. */
  public long pending() {
    return database.transactions().read(s -> s.number("SELECT COUNT(*) FROM outbox", 0));
  }

  /** This database's stream id. */
  public String stream() {
    return database.transactions().read(s -> s.first("SELECT stream FROM event_stream WHERE id = 1", r -> r.text(1)))
        .orElseThrow(() -> new IllegalStateException("the bot database has no event stream"));
  }
}
