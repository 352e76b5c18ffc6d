package dev.wabots.bot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of a bot's database taken before a new build migrates it ({@code VACUUM INTO}, one
 * consistent snapshot), in {@code <data>/backups/}; the newest {@value #KEEP} copies of each bot
 * are kept. A new, empty database needs none.
 */
final class MigrationCopy {

  static final int KEEP = 3;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
      .withZone(ZoneOffset.UTC);

  private MigrationCopy() {}

  /** @return the copy, or null for a database without tables yet */
  static Path before(Path file) throws SQLException, IOException {
    String name = file.getFileName().toString().replaceFirst("\\.db$", "");
    Path dir = file.toAbsolutePath().getParent().resolve("backups");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")) {
        if (!r.next() || r.getInt(1) == 0) {
          return null;
        }
      }
      Files.createDirectories(dir);
      Path target = dir.resolve(name + "-before-migration-" + STAMP.format(Instant.now()) + ".db");
      s.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
      prune(dir, name);
      return target;
    }
  }

  private static void prune(Path dir, String name) throws IOException {
    List<Path> copies;
    try (Stream<Path> all = Files.list(dir)) {
      copies = all.filter(p -> p.getFileName().toString().startsWith(name + "-before-migration-"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
    }
    for (Path old : copies.subList(Math.min(KEEP, copies.size()), copies.size())) {
      Files.deleteIfExists(old);
    }
  }
}
