package dev.wabots.bot.handoff;

import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotEvent;
import dev.wabots.funnel.store.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who answers each customer. By default the bot; a customer can be waiting for a person ({@code
 * needs_person}: the bot still answers meanwhile) or with a person ({@code with_person}: the bot
 * stays silent — no funnel, no AI — until handed back). Every change is a {@link BotEvent.HandOff}
 * in the same transaction.
 */
@ApplicationScoped
public class Handoffs {

  public static final String NEEDS_PERSON = "needs_person";
  public static final String WITH_PERSON = "with_person";
  public static final String BOT = "bot";

  private final BotDatabase database;

  private final Outbox outbox;

  private final Clock clock;

  /** For the container's proxy. */
  protected Handoffs() {
    this(null, null);
  }

  @Inject
  public Handoffs(BotDatabase database, Outbox outbox) {
    this(database, outbox, Clock.systemUTC());
  }

  /** With a clock of the caller's (tests of the automatic hand-back). */
  public Handoffs(BotDatabase database, Outbox outbox, Clock clock) {
    this.database = database;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A customer's hand-off. */
  public record Handoff(String phone, String state, String operator, String reason, Instant since,
      Instant lastPersonAt) {
    public boolean withPerson() {
      return WITH_PERSON.equals(state);
    }
  }

  public Optional<Handoff> of(String phone) {
    return database.transactions().read(s -> find(s, phone));
  }

  private static Optional<Handoff> find(Session s, String phone) {
    return s.first("SELECT phone, state, operator, reason, since, last_person_at FROM handoff WHERE phone = ?",
        r -> new Handoff(r.text(1), r.text(2), r.text(3), r.text(4), r.instant(5), r.instant(6)), phone);
  }

  /**
   * The customer needs a person (joins the caller's transaction); nothing changes when a person is
   * already asked for or there.
   *
   * @return whether this was a new request
   */
  public boolean request(Session s, String phone, String reason) {
    if (find(s, phone).isPresent()) {
      return false;
    }
    s.update("INSERT INTO handoff (phone, state, reason, since) VALUES (?, ?, ?, ?)", phone, NEEDS_PERSON, reason,
        clock.instant());
    outbox.append(s, phone, new BotEvent.HandOff(NEEDS_PERSON, null, reason));
    return true;
  }

  /** A person takes the conversation over: the bot goes silent for this customer. */
  public void takeOver(Session s, String phone, String operator) {
    Instant now = clock.instant();
    s.update("INSERT INTO handoff (phone, state, operator, reason, since, last_person_at) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (phone) DO UPDATE SET state = excluded.state, operator = excluded.operator,"
        + " since = excluded.since, last_person_at = excluded.last_person_at", phone, WITH_PERSON, operator,
        "operator", now, now);
    outbox.append(s, phone, new BotEvent.HandOff(WITH_PERSON, operator, "operator"));
  }

  /**
   * The bot answers the customer again.
   *
   * @return the hand-off that ended, if the customer was with a person or waiting for one
   */
  public Optional<Handoff> handBack(Session s, String phone, String operator, String reason) {
    Optional<Handoff> before = find(s, phone);
    if (before.isPresent()) {
      s.update("DELETE FROM handoff WHERE phone = ?", phone);
      outbox.append(s, phone, new BotEvent.HandOff(BOT, operator, reason));
    }
    return before;
  }

  /** The operator wrote to the customer (the silence before the automatic hand-back starts again). */
  public void personActive(Session s, String phone) {
    s.update("UPDATE handoff SET last_person_at = ? WHERE phone = ?", clock.instant(), phone);
  }

  /** Customers with a person who has been silent for {@code silence} or longer. */
  public List<String> silentFor(Duration silence, Instant now) {
    Instant before = now.minus(silence);
    return database.transactions().read(s -> s.list(
        "SELECT phone FROM handoff WHERE state = ? AND COALESCE(last_person_at, since) <= ?", r -> r.text(1),
        WITH_PERSON, before));
  }

  /** Customers waiting for a person now. */
  public long waiting() {
    return database.transactions().read(s -> s.number("SELECT COUNT(*) FROM handoff WHERE state = ?", 0, NEEDS_PERSON));
  }
}
