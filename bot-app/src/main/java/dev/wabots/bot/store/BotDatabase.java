package dev.wabots.bot.store;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Orchestrator;
import dev.wabots.bot.http.JsonHttp;
import dev.wabots.contract.BotConfiguration;
import dev.wabots.funnel.BotInstanceId;
import dev.wabots.funnel.Funnel;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelEngine;
import dev.wabots.funnel.store.SqliteDatabase;
import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.funnel.store.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;

/**
 * The only owner of this bot's SQLite file, {@code <data>/wa_sales_<id>.db}: one pool, one write
 * lock, transactions bound to the calling thread ({@link Transactions}). The funnel's tables
 * (funnel-jar, migrated under their own history table) and the bot's inbox, statuses, outbound
 * log, AI bookkeeping and event outbox (migrated here) live in it; the funnel works through the
 * same transactions, so a funnel step and the replies planned for it commit together.
 */
@ApplicationScoped
public class BotDatabase {

  private static final Logger LOG = System.getLogger(BotDatabase.class.getName());
  static final String MIGRATIONS = "classpath:dev/wabots/bot/migration";
  static final String HISTORY_TABLE = "bot_schema_history";
  static final int CONNECTIONS = 8;
  /** Longest wait for the write turn before a writer gives up (as SQLite's busy timeout would). */
  static final Duration WRITE_WAIT = Duration.ofSeconds(5);

  private final Configuration configuration;
  private final Orchestrator orchestrator;

  private String definitionSource = "default";
  private volatile String problem = "not opened yet";
  private SqliteDatabase database;
  private volatile Funnel funnel;

  /** For the container's proxy. */
  protected BotDatabase() {
    this(null, null);
  }

  /** @param orchestrator where the bot's own funnel definition comes from (null: the default) */
  @Inject
  public BotDatabase(Configuration configuration, Orchestrator orchestrator) {
    this.configuration = configuration;
    this.orchestrator = orchestrator;
  }

  /** Called once at start, after the configuration is loaded. */
  public void open() {
    BotConfiguration settings = configuration.settings();
    Path file = Path.of(System.getenv().getOrDefault("WA_DATA_DIR", "data")).toAbsolutePath()
        .resolve("wa_sales_" + settings.id() + ".db");
    try {
      boolean current = openAt(file);
      funnel = funnelOf(definition(settings), settings);
      problem = null;
      LOG.log(Level.INFO, "Bot database open: {0} (funnel definition: {1}; schema {2})", file, definitionSource,
          current ? "current for this build" : "migrated");
    } catch (RuntimeException e) {
      problem = e.getMessage();
      LOG.log(Level.ERROR, "Cannot open the bot database {0}: {1}", file, e.getMessage());
    }
  }

  /**
   * Opens and (unless this build already did) migrates the file; the funnel comes with {@link
   * #useDefinition}. For {@link #open} and unit tests.
   *
   * @return whether the schema was current for this build (no migration ran)
   */
  public boolean openAt(Path file) {
    database = SqliteDatabase.open(file, CONNECTIONS, WRITE_WAIT);
    SchemaStamp stamp = SchemaStamp.ofThisBuild();
    boolean current = database.read(stamp::current);
    if (!current) {
      copyBeforeMigration(file);
      SqliteFunnelStore.migrate(database);
      database.migrate(MIGRATIONS, HISTORY_TABLE, getClass().getClassLoader());
      database.writing(stamp::record);
    }
    problem = null;
    return current;
  }

  /** An upgrade is about to migrate the file: a copy first, so the old version can be taken back. */
  private static void copyBeforeMigration(Path file) {
    try {
      Path copy = MigrationCopy.before(file);
      if (copy != null) {
        LOG.log(Level.INFO, "Bot database copied before its migration: {0}", copy);
      }
    } catch (java.sql.SQLException | java.io.IOException e) {
      // The migration still runs: a bot that cannot start helps no one; the operator is told.
      LOG.log(Level.WARNING, "Could not copy the bot database {0} before its migration: {1}", file, e.getMessage());
    }
  }

  private volatile dev.wabots.bot.media.MediaFiles media;

  /** The files customers sent, next to the database: {@code <data>/media/<bot id>/}. */
  public dev.wabots.bot.media.MediaFiles media() {
    dev.wabots.bot.media.MediaFiles m = media;
    if (m == null) {
      Path folder = database.file().toAbsolutePath().getParent().resolve("media").resolve(configuration.settings().id());
      m = new dev.wabots.bot.media.MediaFiles(database, folder);
      media = m;
    }
    return m;
  }

  /** Replaces the funnel's definition (a running bot takes a new one without a restart). */
  public void useDefinition(FunnelDefinition definition) {
    funnel = funnelOf(definition, configuration.settings());
  }

  private Funnel funnelOf(FunnelDefinition definition, BotConfiguration settings) {
    return new Funnel(new FunnelEngine(definition), SqliteFunnelStore.over(database), new BotInstanceId(settings.id()),
        Clock.systemUTC());
  }

  /** The bot's own definition from the orchestrator, else the default of its language. */
  private FunnelDefinition definition(BotConfiguration settings) {
    if (orchestrator != null) {
      try {
        Optional<FunnelDefinition> own = fetchDefinition();
        if (own.isPresent()) {
          definitionSource = "the bot's own";
          return own.get();
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Funnel definition unavailable ({0}); using the default", e.getMessage());
      }
    }
    definitionSource = "default " + settings.languageOrDefault();
    return FunnelDefinition.load(settings.languageOrDefault());
  }

  /**
   * The definition the orchestrator holds for this bot now: its own definition and business
   * profile; empty when it has neither (the default of its language applies).
   *
   * @throws IllegalStateException if the orchestrator does not answer it or the definition is invalid
   */
  private Optional<FunnelDefinition> fetchDefinition() {
    JsonHttp.Answer r;
    try {
      r = orchestrator.funnel();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the orchestrator did not answer: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the orchestrator", e);
    }
    if (r.status() == 200) {
      return Optional.of(FunnelDefinition.parse(r.body()));
    }
    if (r.status() == 204) {
      return Optional.empty();
    }
    throw new IllegalStateException("HTTP " + r.status() + " from the orchestrator");
  }

  /**
   * Takes the definition the orchestrator holds now (after a person changed it or the business
   * profile), without a restart; conversations in progress continue. On any failure the current
   * funnel stays.
   *
   * @return where the definition in use came from
   * @throws IllegalStateException with the reason when the new definition cannot be had
   */
  public synchronized String reloadDefinition() {
    BotConfiguration settings = configuration.settings();
    if (orchestrator == null) {
      throw new IllegalStateException("this bot has no orchestrator to load a definition from");
    }
    FunnelDefinition definition;
    String source;
    try {
      Optional<FunnelDefinition> own = fetchDefinition();
      definition = own.orElseGet(() -> FunnelDefinition.load(settings.languageOrDefault()));
      source = own.isPresent() ? "the bot's own" : "default " + settings.languageOrDefault();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Funnel definition not reloaded, the current one stays: {0}", e.getMessage());
      throw new IllegalStateException(e.getMessage(), e);
    }
    useDefinition(definition);
    definitionSource = source;
    LOG.log(Level.INFO, "Funnel definition reloaded ({0})", source);
    return source;
  }

  @PreDestroy
  public void close() {
    if (database != null) {
      database.close();
    }
  }

  /** The file's transactions: every reader and writer of the bot goes through them. */
  public Transactions transactions() {
    return database;
  }

  public Funnel funnel() {
    return funnel;
  }

  /** Null when the database is open and answering; otherwise why not. */
  public String problem() {
    if (problem != null) {
      return problem;
    }
    return database.problem();
  }

  public Path file() {
    return database == null ? null : database.file();
  }
}
