package dev.wabots.bot.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaStampTest {

  @TempDir Path dir;

  @Test
  void aDatabaseIsCurrentOnlyForTheBuildThatStampedIt() throws Exception {
    try (Connection c = BotDatabase.dataSource(dir.resolve("bot.db")).getConnection()) {
      SchemaStamp mine = new SchemaStamp("1.0.0 2026-11-26T05:30:00Z");
      assertFalse(mine.current(c), "a new database was never migrated");
      mine.record(c);
      assertTrue(mine.current(c));
      assertFalse(new SchemaStamp("1.0.0 2026-11-27T08:00:00Z").current(c), "another build migrates first");
      new SchemaStamp("1.0.1 2026-11-27T08:00:00Z").record(c);
      assertFalse(mine.current(c), "re-stamped by the newer build");
    }
  }

  @Test
  void anUnfilteredStampNeverSkipsMigrations() throws Exception {
    try (Connection c = BotDatabase.dataSource(dir.resolve("plain.db")).getConnection()) {
      SchemaStamp none = new SchemaStamp(null);
      none.record(c);
      assertFalse(none.current(c));
    }
  }

  @Test
  void theBuildWroteItsStamp() {
    SchemaStamp stamp = SchemaStamp.ofThisBuild();
    assertNotNull(stamp.build(), "resource filtering wrote schema-stamp.properties");
    assertFalse(stamp.build().contains("${"));
  }
}
