package dev.wabots.bot.store;

import dev.wabots.bot.config.BotSettings;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.funnel.BotInstanceId;
import dev.wabots.funnel.Funnel;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelEngine;
import dev.wabots.funnel.store.SqliteFunnelStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * This bot's own SQLite file, {@code <data>/wa_sales_<id>.db}: the funnel's tables (migrated by
 * funnel-jar) and the bot's inbox, statuses, outbound log and AI bookkeeping (migrated here, with
 * their own history table). WAL, busy timeout, foreign keys on every connection.
 *
 * <p>Readers use {@link #connect()} in parallel. Writers use {@link #write()}: they queue on one
 * fair lock of this process (shared with the funnel store) before SQLite's write lock, instead of
 * SQLite's busy handler, which makes a waiting writer sleep in steps of up to 100 ms and lets later
 * ones pass — hundreds of ms of webhook latency under load (BENCHMARKS.md, webhook intake).
 */
@ApplicationScoped
public class BotDatabase {

  private static final Logger LOG = System.getLogger(BotDatabase.class.getName());
  static final String MIGRATIONS = "classpath:dev/wabots/bot/migration";

  @Inject Configuration configuration;

  @Inject @org.eclipse.microprofile.rest.client.inject.RestClient
  dev.wabots.bot.config.OrchestratorClient orchestrator;

  private String definitionSource = "default";

  private volatile Path file;
  private volatile String problem = "not opened yet";
  /** Longest wait for the write lock before a writer gives up (as SQLite's busy timeout would). */
  static final long WRITE_WAIT_MS = 5000;

  private final ReentrantLock writes = new ReentrantLock(true);
  private SQLiteDataSource dataSource;
  private ConnectionPool pool;
  private SqliteFunnelStore funnelStore;
  private Funnel funnel;

  /** Called once at start, after the configuration is loaded. */
  public void open() {
    BotSettings settings = configuration.settings();
    String dataDir = System.getenv().getOrDefault("WA_DATA_DIR", "data");
    file = Path.of(dataDir).toAbsolutePath().resolve("wa_sales_" + settings.id() + ".db");
    try {
      Files.createDirectories(file.getParent());
      dataSource = dataSource(file);
      SchemaStamp stamp = SchemaStamp.ofThisBuild();
      boolean current;
      try (Connection c = dataSource.getConnection()) {
        current = stamp.current(c);
      }
      funnelStore = SqliteFunnelStore.open(file, SqliteFunnelStore.DEFAULT_CONNECTIONS, !current, writes);
      if (!current) {
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .table("bot_schema_history")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        try (Connection c = dataSource.getConnection()) {
          stamp.record(c);
        }
      }
      pool = new ConnectionPool(dataSource, 8);
      funnel = new Funnel(new FunnelEngine(definition(settings)), funnelStore,
          new BotInstanceId(settings.id()), Clock.systemUTC());
      problem = null;
      LOG.log(Level.INFO, "Bot database open: {0} (funnel definition: {1}; schema {2})", file, definitionSource,
          current ? "current for this build" : "migrated");
    } catch (RuntimeException | java.io.IOException | SQLException e) {
      problem = e.getMessage();
      LOG.log(Level.ERROR, "Cannot open the bot database {0}: {1}", file, e.getMessage());
    }
  }

  /** The bot's own definition from the orchestrator, else the default of its language. */
  private FunnelDefinition definition(BotSettings settings) {
    try (jakarta.ws.rs.core.Response r = orchestrator.funnel(Identity.bearer())) {
      if (r.getStatus() == 200) {
        definitionSource = "the bot's own";
        return FunnelDefinition.parse(r.readEntity(String.class));
      }
      if (r.getStatus() != 204) {
        LOG.log(Level.WARNING, "Funnel definition: HTTP {0} from the orchestrator; using the default", r.getStatus());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Funnel definition unavailable ({0}); using the default", e.getMessage());
    }
    definitionSource = "default " + settings.language();
    return FunnelDefinition.load(settings.language());
  }

  @PreDestroy
  void close() {
    if (pool != null) {
      pool.close();
    }
    if (funnelStore != null) {
      funnelStore.close();
    }
  }

  /** A pooled connection with the bot's pragmas; closing it gives it back. */
  public Connection connect() throws SQLException {
    return pool.borrow();
  }

  /**
   * A pooled connection for writing: it holds this database's write lock until it is closed. Write
   * briefly — never across a network call.
   */
  public Connection write() throws SQLException {
    try {
      if (!writes.tryLock(WRITE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new SQLException("the bot database is busy: no write turn within " + WRITE_WAIT_MS + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting to write to the bot database", e);
    }
    try {
      return pool.borrow(writes::unlock);
    } catch (SQLException | RuntimeException e) {
      writes.unlock();
      throw e;
    }
  }

  public Funnel funnel() {
    return funnel;
  }

  /** Null when the database is open and answering; otherwise why not. */
  public String problem() {
    if (problem != null) {
      return problem;
    }
    try (Connection c = connect(); var s = c.createStatement()) {
      s.execute("SELECT 1");
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  public Path file() {
    return file;
  }

  static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(5000);
    config.enforceForeignKeys(true);
    config.setGetGeneratedKeys(false);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }
}
