package dev.wabots.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.platform.OrchestratorSchema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

  @TempDir Path data;

  @TempDir Path elsewhere;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    Cli cli = new Cli(data, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8), Map.of("WABOTS_ADMIN_PASSWORD", "backup-admin-pw1"),
        new BufferedReader(new StringReader("")));
    return cli.run(List.of(args));
  }

  static long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static String integrity(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  @Test
  void aBackupWhileABotKeepsWritingIsConsistentAndARestoreBringsItBack() throws Exception {
    assertEquals(0, run("prepare"));
    Path bot = data.resolve("wa_sales_shop.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bot); Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("CREATE TABLE inbox (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      s.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, inbox_seq INTEGER NOT NULL)");
    }
    // A writer that always adds an inbox row and its outbox row in one transaction, as a bot does.
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    Thread writer = new Thread(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bot)) {
        c.createStatement().execute("PRAGMA busy_timeout = 5000");
        c.setAutoCommit(false);
        while (!stop.get()) {
          try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO inbox (body) VALUES ('" + "x".repeat(200) + "')");
            s.executeUpdate("INSERT INTO outbox (inbox_seq) VALUES (last_insert_rowid())");
          }
          c.commit();
          written.incrementAndGet();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    while (written.get() < 200) {
      Thread.sleep(5);
    }
    Path backup = elsewhere.resolve("b1");
    assertEquals(0, run("backup", backup.toString()), out.toString());
    stop.set(true);
    writer.join();

    Path copy = backup.resolve("wa_sales_shop.db");
    assertEquals("ok", integrity(copy));
    long rows = count(copy, "SELECT COUNT(*) FROM inbox");
    assertTrue(rows >= 200 && rows <= written.get(), rows + " of " + written.get());
    assertEquals(rows, count(copy, "SELECT COUNT(*) FROM outbox"), "one snapshot: no half transaction");
    assertEquals(1, count(backup.resolve("secretary.db"), "SELECT COUNT(*) FROM users"));
    Path keys = backup.resolve(Backups.KEYS_FILE);
    assertTrue(Files.isRegularFile(keys));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertTrue(out.toString().contains("WARNING: " + keys), out.toString());
    assertFalse(run("backup", backup.toString()) == 0, "never over an earlier backup");

    // Lost: the bot's rows and the keys. Back from the backup.
    String signingKey = Files.readString(data.resolve("keys/jwt-private.pem"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bot); Statement s = c.createStatement()) {
      s.execute("DELETE FROM inbox");
    }
    Files.delete(data.resolve("keys/jwt-private.pem"));
    out.reset();
    assertEquals(0, run("restore", backup.toString()), out.toString());
    assertEquals(rows, count(bot, "SELECT COUNT(*) FROM inbox"));
    assertEquals(signingKey, Files.readString(data.resolve("keys/jwt-private.pem")));
    assertTrue(out.toString().contains("what was there before is in " + data.resolve("before-restore-")), out.toString());
    try (var aside = Files.list(data)) {
      Path before = aside.filter(p -> p.getFileName().toString().startsWith("before-restore-")).findFirst().orElseThrow();
      assertEquals(0, count(before.resolve("wa_sales_shop.db"), "SELECT COUNT(*) FROM inbox"), "the state before, kept");
    }
  }

  @Test
  void anUpgradeCopiesTheDatabaseBeforeItsMigrationsRun() throws Exception {
    Flyway current = OrchestratorSchema.flyway(OrchestratorDatabase.open(data), Cli.class.getClassLoader());
    Flyway.configure(Cli.class.getClassLoader()).configuration(current.getConfiguration()).target("1").load().migrate();
    assertEquals(0, run("migrate"), out.toString());
    try (var copies = Files.list(data.resolve("backups"))) {
      List<Path> all = copies.toList();
      assertEquals(1, all.size(), all.toString());
      assertTrue(all.get(0).getFileName().toString().startsWith("secretary-before-migration-from-v1-"), all.toString());
      assertEquals(1, count(all.get(0), "SELECT MAX(CAST(version AS INTEGER)) FROM schema_history WHERE success = 1"));
    }
    out.reset();
    assertEquals(0, run("migrate"));
    try (var copies = Files.list(data.resolve("backups"))) {
      assertEquals(1, copies.count(), "nothing to migrate: no copy");
    }
  }
}
