package dev.wabots.bot.store;

import dev.wabots.funnel.store.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
  boolean current(Session s) {
    if (build == null) {
      return false;
    }
    if (s.number("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", 0, TABLE) == 0) {
      return false;
    }
    return s.first("SELECT build FROM " + TABLE + " WHERE id = 1", r -> r.text(1)).filter(build::equals).isPresent();
  }

  /** Records that this build's migrations have all been applied. */
  void record(Session s) {
    if (build == null) {
      return;
    }
    s.update("CREATE TABLE IF NOT EXISTS " + TABLE
        + " (id INTEGER PRIMARY KEY CHECK (id = 1), build TEXT NOT NULL, stamped_at TEXT NOT NULL)");
    s.update("INSERT OR REPLACE INTO " + TABLE + " (id, build, stamped_at) VALUES (1, ?, ?)", build, Instant.now());
  }
}
