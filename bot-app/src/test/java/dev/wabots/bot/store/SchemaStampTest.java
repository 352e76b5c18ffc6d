package dev.wabots.bot.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.store.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaStampTest {

  @TempDir Path dir;

  @Test
  void aDatabaseIsCurrentOnlyForTheBuildThatStampedIt() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("bot.db"))) {
      SchemaStamp mine = new SchemaStamp("1.0.0 2026-11-26T05:30:00Z");
      assertFalse(db.read(mine::current), "a new database was never migrated");
      db.writing(mine::record);
      assertTrue(db.read(mine::current));
      assertFalse(db.read(new SchemaStamp("1.0.0 2026-11-27T08:00:00Z")::current), "another build migrates first");
      db.writing(new SchemaStamp("1.0.1 2026-11-27T08:00:00Z")::record);
      assertFalse(db.read(mine::current), "re-stamped by the newer build");
    }
  }

  @Test
  void anUnfilteredStampNeverSkipsMigrations() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("plain.db"))) {
      SchemaStamp none = new SchemaStamp(null);
      db.writing(none::record);
      assertFalse(db.read(none::current));
    }
  }

  @Test
  void theBuildWroteItsStamp() {
    SchemaStamp stamp = SchemaStamp.ofThisBuild();
    assertNotNull(stamp.build(), "resource filtering wrote schema-stamp.properties");
    assertFalse(stamp.build().contains("${"));
  }
}
