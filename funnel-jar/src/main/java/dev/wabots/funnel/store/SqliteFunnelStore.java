package dev.wabots.funnel.store;

import dev.wabots.funnel.FunnelEvent;
import dev.wabots.funnel.FunnelReport;
import dev.wabots.funnel.FunnelStore;
import dev.wabots.funnel.FunnelStoreException;
import dev.wabots.funnel.Outcome;
import dev.wabots.funnel.UserState;
import dev.wabots.whatsapp.PhoneNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The funnel store in the bot's SQLite file ({@code data/wa_sales_{instance_id}.db}). Opening it
 * migrates the funnel tables with Flyway under their own history table {@code
 * funnel_schema_history}, so other components can keep their own tables (and history) in the same
 * file. Every connection runs in WAL mode with a 5 s busy timeout and foreign keys on; with WAL,
 * {@code synchronous=NORMAL} (a commit survives a crash of the process, not of the machine).
 *
 * <p>Thread-safe: a small pool serves threads in parallel; {@link #apply} takes SQLite's write
 * lock first ({@code BEGIN IMMEDIATE}), so read-modify-write steps never interleave. Writers of this
 * process queue on a fair Java lock before that ({@link #open(Path, int, boolean, Lock)} shares it
 * with the file's other writers): SQLite's own busy handler makes a waiting writer sleep in steps of
 * up to 100 ms and lets newcomers pass, which under load turned into waits of hundreds of ms.
 */
public final class SqliteFunnelStore implements FunnelStore {
  /** Where the migrations live. */
  public static final String MIGRATIONS = "classpath:dev/wabots/funnel/store/migration";
  /** The Flyway history table of the funnel tables. */
  public static final String HISTORY_TABLE = "funnel_schema_history";
  /** The busy timeout of every connection, in milliseconds. */
  public static final int BUSY_TIMEOUT_MS = 5000;

  /** Pooled connections of {@link #open(Path)}. */
  public static final int DEFAULT_CONNECTIONS = 4;

  private final ConnectionPool pool;
  private final Lock writes;

  private SqliteFunnelStore(ConnectionPool pool, Lock writes) {
    this.pool = pool;
    this.writes = writes;
  }

  /** Opens (creating and migrating if needed) the store in {@code file}. */
  public static SqliteFunnelStore open(Path file) {
    return open(file, DEFAULT_CONNECTIONS);
  }

  /**
   * Opens the store with up to {@code connections} pooled connections.
   *
   * @throws FunnelStoreException if the file cannot be created or migrated
   */
  public static SqliteFunnelStore open(Path file, int connections) {
    return open(file, connections, true);
  }

  /**
   * Opens the store; {@code migrate = false} skips the migration run, for a caller that knows the
   * tables are current (a bot whose database this very build migrated before: Flyway is not even
   * loaded then).
   *
   * @throws FunnelStoreException if the file cannot be created or migrated
   */
  public static SqliteFunnelStore open(Path file, int connections, boolean migrate) {
    return open(file, connections, migrate, new ReentrantLock(true));
  }

  /**
   * Opens the store; its write transactions hold {@code writes} (taken before SQLite's lock), which
   * the caller shares with its own writers of the same file.
   *
   * @throws FunnelStoreException if the file cannot be created or migrated
   */
  public static SqliteFunnelStore open(Path file, int connections, boolean migrate, Lock writes) {
    Objects.requireNonNull(writes, "writes");
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be positive: " + connections);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new FunnelStoreException("cannot create the directory of " + file, e);
    }
    SQLiteDataSource dataSource = dataSource(file);
    if (!migrate) {
      return new SqliteFunnelStore(new ConnectionPool(dataSource, connections), writes);
    }
    try {
      Flyway.configure(SqliteFunnelStore.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new FunnelStoreException("cannot migrate the funnel tables in " + file, e);
    }
    return new SqliteFunnelStore(new ConnectionPool(dataSource, connections), writes);
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // We never read generated keys; by default the driver queries last_insert_rowid() after every update.
    config.setGetGeneratedKeys(false);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return dataSource;
  }

  @Override
  public Optional<UserState> find(PhoneNumber phone) {
    ConnectionPool.Session session = pool.acquire();
    try {
      return load(session, phone);
    } catch (SQLException e) {
      throw new FunnelStoreException("cannot read user " + phone, e);
    } finally {
      pool.release(session);
    }
  }

  @Override
  public Outcome apply(
      PhoneNumber phone, Function<Optional<UserState>, Outcome> step, InTransaction alsoWrite) {
    writes.lock();
    ConnectionPool.Session session;
    try {
      session = pool.acquire();
    } catch (RuntimeException e) {
      writes.unlock();
      throw e;
    }
    try {
      session.execute("BEGIN IMMEDIATE");
      try {
        Optional<UserState> before = load(session, phone);
        Outcome outcome = step.apply(before);
        if (!outcome.state().phone().equals(phone)) {
          throw new IllegalArgumentException("the outcome is for another user: " + outcome.state().phone());
        }
        save(session, before, outcome);
        alsoWrite.run(session.connection(), outcome);
        session.execute("COMMIT");
        return outcome;
      } catch (SQLException | RuntimeException e) {
        try {
          session.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new FunnelStoreException("cannot apply the funnel step of " + phone, e);
    } finally {
      pool.release(session);
      writes.unlock();
    }
  }

  private static Optional<UserState> load(ConnectionPool.Session session, PhoneNumber phone)
      throws SQLException {
    PreparedStatement select = session.prepare(Rows.SELECT_USER);
    select.setString(1, phone.digits());
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? Optional.of(Rows.user(row)) : Optional.empty();
    }
  }

  private static void save(ConnectionPool.Session session, Optional<UserState> before, Outcome outcome)
      throws SQLException {
    UserState user = outcome.state();
    PreparedStatement upsert = session.prepare(Rows.UPSERT_USER);
    Rows.bindUser(upsert, user);
    upsert.executeUpdate();
    if (before.isPresent() && before.get().discovery().equals(user.discovery())) {
      // the discovery row is as stored: nothing to write
    } else if (user.discovery().isPresent()) {
      PreparedStatement discovery = session.prepare(Rows.UPSERT_DISCOVERY);
      Rows.bindDiscovery(discovery, user.phone(), user.discovery().get());
      discovery.executeUpdate();
    } else {
      PreparedStatement delete = session.prepare(Rows.DELETE_DISCOVERY);
      delete.setString(1, user.phone().digits());
      delete.executeUpdate();
    }
    String at = Rows.time(user.lastActivity());
    for (FunnelEvent event : outcome.events()) {
      PreparedStatement insert = session.prepare(Rows.INSERT_EVENT);
      insert.setString(1, user.phone().digits());
      insert.setString(2, event.type());
      insert.setString(3, Rows.json(event.data()));
      insert.setString(4, at);
      insert.executeUpdate();
    }
  }

  @Override
  public FunnelReport report(int days, Instant now) {
    Instant from = now.minus(Duration.ofDays(days));
    ConnectionPool.Session session = pool.acquire();
    try {
      return new Report(session, Rows.time(from), Rows.time(now)).build(days, from, now);
    } catch (SQLException e) {
      throw new FunnelStoreException("cannot build the funnel report", e);
    } finally {
      pool.release(session);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** The report queries over one period. */
  private record Report(ConnectionPool.Session session, String from, String to) {
    FunnelReport build(int days, Instant start, Instant end) throws SQLException {
      Map<String, Long> counts = new HashMap<>();
      PreparedStatement byType =
          session.prepare(
              "SELECT event_type, COUNT(DISTINCT user_id) FROM events"
                  + " WHERE created_at >= ? AND created_at < ? GROUP BY event_type");
      bind(byType);
      try (ResultSet rows = byType.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getLong(2));
        }
      }
      long active = 0;
      PreparedStatement distinct =
          session.prepare("SELECT COUNT(DISTINCT user_id) FROM events WHERE created_at >= ? AND created_at < ?");
      bind(distinct);
      try (ResultSet rows = distinct.executeQuery()) {
        active = rows.next() ? rows.getLong(1) : 0;
      }
      PreparedStatement bySegment =
          session.prepare(
              "SELECT json_extract(event_data, '$.segment'), COUNT(DISTINCT user_id) FROM events"
                  + " WHERE created_at >= ? AND created_at < ? AND event_type = '"
                  + FunnelEvent.QUIZ_COMPLETED
                  + "' GROUP BY 1");
      bind(bySegment);
      try (ResultSet rows = bySegment.executeQuery()) {
        while (rows.next()) {
          if (rows.getString(1) != null) {
            counts.put(FunnelReport.segmentKey(rows.getString(1)), rows.getLong(2));
          }
        }
      }
      return FunnelReport.of(days, start, end, active, counts);
    }

    private void bind(PreparedStatement statement) throws SQLException {
      statement.setString(1, from);
      statement.setString(2, to);
    }
  }
}
