package dev.wabots.bot.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;

/**
 * Which build of bot-app last brought a bot's database up to date. The migrations (the bot's own
 * and funnel-jar's) can only change with a new build, so a database stamped with this build needs
 * no migration run: a bot starts without loading Flyway at all (~0.4 s and its classes' memory on
 * every start; BENCHMARKS.md, bot start). After an upgrade the first start migrates and stamps.
 */
final class SchemaStamp {

  static final String TABLE = "bot_schema_stamp";

  private final String build;

  SchemaStamp(String build) {
    this.build = build;
  }

  /** This build's stamp, written into the class path by the build. */
  static SchemaStamp ofThisBuild() {
    Properties p = new Properties();
    try (InputStream in = SchemaStamp.class.getResourceAsStream("schema-stamp.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String build = p.getProperty("build", "").strip();
    // Unfiltered (a build that skipped resource filtering): never trust it, always migrate.
    return new SchemaStamp(build.isEmpty() || build.contains("${") ? null : build);
  }

  String build() {
    return build;
  }

  /** Whether the database was brought up to date by this very build. */
  boolean current(Connection c) throws SQLException {
    if (build == null) {
      return false;
    }
    try (Statement s = c.createStatement();
        ResultSet table = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'")) {
      if (!table.next()) {
        return false;
      }
    }
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT build FROM " + TABLE + " WHERE id = 1")) {
      return r.next() && build.equals(r.getString(1));
    }
  }

  /** Records that this build's migrations have all been applied. */
  void record(Connection c) throws SQLException {
    if (build == null) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
          + " (id INTEGER PRIMARY KEY CHECK (id = 1), build TEXT NOT NULL, stamped_at TEXT NOT NULL)");
    }
    try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO " + TABLE + " (id, build, stamped_at) VALUES (1, ?, ?)")) {
      p.setString(1, build);
      p.setString(2, Instant.now().toString());
      p.executeUpdate();
    }
  }
}
