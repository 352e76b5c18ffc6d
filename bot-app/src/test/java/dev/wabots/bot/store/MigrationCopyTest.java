package dev.wabots.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationCopyTest {

  @TempDir Path dir;

  List<Path> copies() throws Exception {
    Path backups = dir.resolve("backups");
    if (!Files.isDirectory(backups)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(backups)) {
      return all.toList();
    }
  }

  @Test
  void aNewBuildCopiesTheDatabaseBeforeMigratingItAndANewDatabaseNeedsNoCopy() throws Exception {
    Path file = dir.resolve("wa_sales_shop.db");
    BotDatabase db = new BotDatabase(null, null);
    db.openAt(file);
    assertEquals(List.of(), copies(), "a new database: nothing to keep");
    db.transactions().writing(s -> s.update("INSERT INTO inbox (wamid, phone, type, received_at, raw) VALUES "
        + "('wamid.1', '79000000001', 'text', '2026-01-01T00:00:00Z', '{}')"));
    db.transactions().writing(s -> s.update("DELETE FROM " + SchemaStamp.TABLE)); // as if another build stamped it
    db.close();

    BotDatabase upgraded = new BotDatabase(null, null);
    upgraded.openAt(file);
    List<Path> made = copies();
    assertEquals(1, made.size(), made.toString());
    assertTrue(made.get(0).getFileName().toString().startsWith("wa_sales_shop-before-migration-"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + made.get(0));
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM inbox")) {
      assertTrue(r.next());
      assertEquals(1, r.getInt(1), "the data as it was before");
    }
    upgraded.close();
  }

  @Test
  void onlyTheNewestCopiesAreKept() throws Exception {
    Path file = dir.resolve("wa_sales_x.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().execute("CREATE TABLE t (x)");
    }
    for (int i = 0; i < MigrationCopy.KEEP + 2; i++) {
      MigrationCopy.before(file);
      Thread.sleep(5);
    }
    assertEquals(MigrationCopy.KEEP, copies().size());
    assertNull(MigrationCopy.before(dir.resolve("empty.db")));
  }
}
