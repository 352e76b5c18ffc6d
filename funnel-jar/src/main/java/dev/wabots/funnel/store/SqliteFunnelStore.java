package dev.wabots.funnel.store;

import dev.wabots.funnel.FunnelEvent;
import dev.wabots.funnel.FunnelReport;
import dev.wabots.funnel.FunnelStore;
import dev.wabots.funnel.FunnelStoreException;
import dev.wabots.funnel.Outcome;
import dev.wabots.funnel.UserState;
import dev.wabots.whatsapp.PhoneNumber;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The funnel's tables ({@code users}, {@code custom_discovery}, {@code requirements}, {@code events}) in a bot's SQLite
 * file ({@code data/wa_sales_{instance_id}.db}), worked through the file owner's {@link
 * Transactions}: a step joins the write transaction the caller has open on its thread, so the
 * caller's own bookkeeping (the replies it plans, the events it publishes) commits or rolls back
 * together with the funnel step. The tables are migrated with Flyway under their own history table
 * {@value #HISTORY_TABLE} ({@link #migrate}), so other components keep their own tables, and
 * history, in the same file.
 *
 * <p>Thread-safe: read-modify-write steps are write transactions, which the owner serialises.
 */
public final class SqliteFunnelStore implements FunnelStore {
  /** Where the migrations live. */
  public static final String MIGRATIONS = "classpath:dev/wabots/funnel/store/migration";
  /** The Flyway history table of the funnel tables. */
  public static final String HISTORY_TABLE = "funnel_schema_history";

  private final Transactions transactions;
  private final SqliteDatabase owned;

  private SqliteFunnelStore(Transactions transactions, SqliteDatabase owned) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.owned = owned;
  }

  /**
   * The store over a database someone else owns (and closes); its tables must be migrated ({@link
   * #migrate}).
   */
  public static SqliteFunnelStore over(Transactions transactions) {
    return new SqliteFunnelStore(transactions, null);
  }

  /** Creates or updates the funnel tables in {@code database}. */
  public static void migrate(SqliteDatabase database) {
    try {
      database.migrate(MIGRATIONS, HISTORY_TABLE, SqliteFunnelStore.class.getClassLoader());
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot migrate the funnel tables in " + database.file(), e);
    }
  }

  /**
   * Opens a store that owns its file (tools and tests; a bot shares its file's owner through
   * {@link #over}): created and migrated if needed, closed with the store.
   *
   * @throws FunnelStoreException if the file cannot be created or migrated
   */
  public static SqliteFunnelStore open(Path file) {
    return open(file, 4);
  }

  /** {@link #open(Path)} with up to {@code connections} pooled connections. */
  public static SqliteFunnelStore open(Path file, int connections) {
    SqliteDatabase database;
    try {
      database = SqliteDatabase.open(file, connections, Duration.ofSeconds(5));
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot open " + file, e);
    }
    try {
      migrate(database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new SqliteFunnelStore(database, database);
  }

  @Override
  public Optional<UserState> find(PhoneNumber phone) {
    try {
      return transactions.read(s -> load(s, phone));
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot read user " + phone, e);
    }
  }

  @Override
  public Outcome apply(PhoneNumber phone, Function<Optional<UserState>, Outcome> step) {
    try {
      return transactions.write(s -> {
        Optional<UserState> before = load(s, phone);
        Outcome outcome = step.apply(before);
        if (!outcome.state().phone().equals(phone)) {
          throw new IllegalArgumentException("the outcome is for another user: " + outcome.state().phone());
        }
        save(s, before, outcome);
        return outcome;
      });
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot apply the funnel step of " + phone, e);
    }
  }

  @Override
  public void forget(PhoneNumber phone) {
    try {
      transactions.writing(s -> {
        s.update("DELETE FROM events WHERE user_id = ?", phone.digits());
        s.update(Rows.DELETE_DISCOVERY, phone.digits());
        s.update(Rows.DELETE_REQUIREMENTS, phone.digits());
        s.update("DELETE FROM users WHERE user_id = ?", phone.digits());
      });
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot forget user " + phone, e);
    }
  }

  private static Optional<UserState> load(Session session, PhoneNumber phone) {
    return session.first(Rows.SELECT_USER, Rows::user, phone.digits());
  }

  private static void save(Session session, Optional<UserState> before, Outcome outcome) {
    UserState user = outcome.state();
    session.update(Rows.UPSERT_USER, Rows.userParams(user));
    if (before.isPresent() && before.get().discovery().equals(user.discovery())) {
      // the discovery row is as stored: nothing to write
    } else if (user.discovery().isPresent()) {
      session.update(Rows.UPSERT_DISCOVERY, Rows.discoveryParams(user.phone(), user.discovery().get()));
    } else {
      session.update(Rows.DELETE_DISCOVERY, user.phone().digits());
    }
    if (before.isPresent() && before.get().requirements().equals(user.requirements())) {
      // the questionnaire is as stored
    } else if (user.requirements().isPresent()) {
      session.update(Rows.UPSERT_REQUIREMENTS, Rows.requirementsParams(user.phone(), user.requirements().get()));
    } else {
      session.update(Rows.DELETE_REQUIREMENTS, user.phone().digits());
    }
    String at = Rows.time(user.lastActivity());
    for (FunnelEvent event : outcome.events()) {
      session.update(Rows.INSERT_EVENT, user.phone().digits(), event.type(), Rows.json(event.data()), at);
    }
  }

  @Override
  public FunnelReport report(int days, Instant now) {
    Instant from = now.minus(Duration.ofDays(days));
    try {
      return transactions.read(s -> report(s, days, from, now));
    } catch (StoreException e) {
      throw new FunnelStoreException("cannot build the funnel report", e);
    }
  }

  private static FunnelReport report(Session s, int days, Instant start, Instant end) {
    String from = Rows.time(start);
    String to = Rows.time(end);
    Map<String, Long> counts = new HashMap<>();
    s.list("SELECT event_type, COUNT(DISTINCT user_id) FROM events WHERE created_at >= ? AND created_at < ?"
            + " GROUP BY event_type",
        r -> counts.put(r.text(1), r.number(2)), from, to);
    long active = s.number("SELECT COUNT(DISTINCT user_id) FROM events WHERE created_at >= ? AND created_at < ?",
        0, from, to);
    s.list("SELECT json_extract(event_data, '$.segment'), COUNT(DISTINCT user_id) FROM events"
            + " WHERE created_at >= ? AND created_at < ? AND event_type = '" + FunnelEvent.QUIZ_COMPLETED
            + "' GROUP BY 1",
        r -> r.isNull(1) ? null : counts.put(FunnelReport.segmentKey(r.text(1)), r.number(2)), from, to);
    return FunnelReport.of(days, start, end, active, counts);
  }

  /** Closes the file if this store opened it ({@link #open}); a shared owner closes its own. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
