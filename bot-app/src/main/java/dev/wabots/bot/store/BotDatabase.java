package dev.wabots.bot.store;

import dev.wabots.bot.config.Configuration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** This bot's own SQLite file, {@code <data>/wa_sales_<id>.db}, in WAL mode. */
@Singleton
@Startup
@DependsOn("Configuration")
public class BotDatabase {

  private static final Logger LOG = System.getLogger(BotDatabase.class.getName());

  @Inject Configuration configuration;

  private volatile Path file;
  private volatile String problem = "not opened yet";

  @PostConstruct
  void open() {
    String dataDir = System.getenv().getOrDefault("WA_DATA_DIR", "data");
    file = Path.of(dataDir).toAbsolutePath().resolve("wa_sales_" + configuration.settings().id() + ".db");
    try {
      Files.createDirectories(file.getParent());
      try (Connection c = connect(); var s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("SELECT 1");
      }
      problem = null;
      LOG.log(Level.INFO, "Bot database open: {0}", file);
    } catch (Exception e) {
      problem = e.getMessage();
      LOG.log(Level.ERROR, "Cannot open the bot database {0}: {1}", file, e.getMessage());
    }
  }

  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (var s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("PRAGMA foreign_keys=ON");
    }
    return c;
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
}
