package dev.wabots.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Consistent copies of the orchestrator's and every bot's SQLite database ({@code VACUUM INTO},
 * which reads one snapshot while the servers keep writing), the keys into a file of their own,
 * and the way back onto a stopped system.
 */
final class Backups {

  static final String KEYS_FILE = "KEYS-SECRET.zip";
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private Backups() {}

  /** {@code secretary.db} and every {@code wa_sales_<id>.db} of the data folder. */
  static List<Path> databases(Path data) throws IOException {
    List<Path> found = new ArrayList<>();
    if (Files.isRegularFile(data.resolve(OrchestratorDatabase.FILE))) {
      found.add(data.resolve(OrchestratorDatabase.FILE));
    }
    try (DirectoryStream<Path> bots = Files.newDirectoryStream(data, "wa_sales_*.db")) {
      bots.forEach(found::add);
    }
    return found;
  }

  /** One database copied consistently into {@code target} (which must not exist). */
  static void copy(Path database, Path target) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + OrchestratorDatabase.BUSY_TIMEOUT_MS);
      s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
    }
  }

  /** The whole backup into {@code dir} (new or empty). @return the files written */
  static List<Path> backup(Path data, Path dir, PrintStream out) throws IOException, SQLException {
    if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
      throw new IOException(dir + " exists and is not an empty folder");
    }
    Files.createDirectories(dir);
    ownerOnly(dir, true);
    List<Path> written = new ArrayList<>();
    for (Path db : databases(data)) {
      Path target = dir.resolve(db.getFileName());
      copy(db, target);
      ownerOnly(target, false);
      written.add(target);
      out.println("copied " + db.getFileName() + " (" + Files.size(target) / 1024 + " KiB)");
    }
    Path keys = data.resolve("keys");
    if (Files.isDirectory(keys)) {
      Path zip = dir.resolve(KEYS_FILE);
      try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o);
          DirectoryStream<Path> files = Files.newDirectoryStream(keys)) {
        for (Path f : files) {
          if (Files.isRegularFile(f)) {
            z.putNextEntry(new ZipEntry(f.getFileName().toString()));
            Files.copy(f, z);
            z.closeEntry();
          }
        }
      }
      ownerOnly(zip, false);
      written.add(zip);
      out.println();
      out.println("  WARNING: " + zip + " holds the orchestrator's keys (token signing,");
      out.println("  secrets encryption). Whoever has it and the databases can read every stored secret");
      out.println("  and act as any bot or admin: keep it apart from the databases, encrypted or offline.");
      out.println("  Without it, a restore needs the keys still in " + keys + ".");
      out.println();
    }
    Files.writeString(dir.resolve("MANIFEST"), "wabots backup " + Instant.now() + "\n"
        + String.join("\n", written.stream().map(p -> p.getFileName().toString()).toList()) + "\n");
    return written;
  }

  /**
   * Puts a backup back into the data folder of a stopped system; what was there moves aside to
   * {@code <data>/before-restore-<time>/}. @return that folder
   */
  static Path restore(Path dir, Path data, PrintStream out) throws IOException {
    List<Path> dbs = databases(dir);
    if (dbs.stream().noneMatch(p -> p.getFileName().toString().equals(OrchestratorDatabase.FILE))) {
      throw new IOException(dir + " holds no " + OrchestratorDatabase.FILE + ": not a wabots backup");
    }
    Files.createDirectories(data);
    Path aside = data.resolve("before-restore-" + STAMP.format(Instant.now()));
    Files.createDirectories(aside);
    for (Path old : databases(data)) {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path f = old.resolveSibling(old.getFileName() + suffix);
        if (Files.exists(f)) {
          Files.move(f, aside.resolve(f.getFileName()));
        }
      }
    }
    for (Path db : dbs) {
      Files.copy(db, data.resolve(db.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      ownerOnly(data.resolve(db.getFileName()), false);
      out.println("restored " + db.getFileName());
    }
    Path zip = dir.resolve(KEYS_FILE);
    if (Files.isRegularFile(zip)) {
      Path keys = data.resolve("keys");
      if (Files.isDirectory(keys)) {
        Files.move(keys, aside.resolve("keys"));
      }
      Files.createDirectories(keys);
      ownerOnly(keys, true);
      try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
        for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
          Path f = keys.resolve(e.getName()).normalize();
          if (!f.getParent().equals(keys)) {
            throw new IOException("a key file outside the keys folder: " + e.getName());
          }
          Files.copy(z, f);
          ownerOnly(f, false);
        }
      }
      out.println("restored the keys");
    } else {
      out.println("no " + KEYS_FILE + " in the backup: the keys in " + data.resolve("keys") + " stay");
    }
    out.println("what was there before is in " + aside);
    return aside;
  }

  /**
   * A copy of the orchestrator's database before migrations change it, in
   * {@code <data>/backups/}; nothing for a database that does not exist yet.
   */
  static Path beforeMigration(Path data, String fromVersion) throws SQLException, IOException {
    Path db = data.resolve(OrchestratorDatabase.FILE);
    if (!Files.isRegularFile(db)) {
      return null;
    }
    Path dir = data.resolve("backups");
    Files.createDirectories(dir);
    ownerOnly(dir, true);
    Path target = dir.resolve("secretary-before-migration-from-v" + fromVersion + "-" + STAMP.format(Instant.now()) + ".db");
    copy(db, target);
    ownerOnly(target, false);
    return target;
  }

  private static void ownerOnly(Path p, boolean folder) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: the umask of ./wabots applies
    }
  }
}
