package dev.wabots.conversations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link EventRows#writeFirst} is for, on SQLite itself (WAL, as the orchestrator runs it): a
 * batch that reads and then writes loses to a writer that committed in between; one that takes
 * the write turn first waits for the other writer instead, and the other waits for it.
 */
class EventRowsWriteFirstTest {

  @TempDir Path dir;

  private String url;

  @BeforeEach
  void database() throws SQLException {
    url = "jdbc:sqlite:" + dir.resolve("orchestrator.db");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("CREATE TABLE event_streams (bot_id TEXT PRIMARY KEY, stream TEXT, last_seq INTEGER)");
      s.execute("CREATE TABLE usage (n INTEGER)");
      s.execute("INSERT INTO event_streams VALUES ('bot-1', 's', 0)");
    }
  }

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
    }
    c.setAutoCommit(false);
    return c;
  }

  private static long lastSeq(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT last_seq FROM event_streams")) {
      r.next();
      return r.getLong(1);
    }
  }

  private void otherWriterCommits() throws SQLException {
    try (Connection other = open(); Statement s = other.createStatement()) {
      s.executeUpdate("INSERT INTO usage VALUES (1)");
      other.commit();
    }
  }

  @Test
  void readingFirstLosesToAWriterThatCommittedMeanwhile() throws SQLException {
    try (Connection batch = open()) {
      lastSeq(batch); // the batch's first read: its snapshot
      otherWriterCommits();
      SQLException busy = assertThrows(SQLException.class, () -> {
        try (Statement s = batch.createStatement()) {
          s.executeUpdate("UPDATE event_streams SET last_seq = 1");
        }
      });
      assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
      batch.rollback();
    }
  }

  @Test
  void writingFirstMakesTheOtherWriterWaitAndTheBatchGoesThrough() throws Exception {
    try (Connection batch = open()) {
      EventRows.claimWrite(batch);
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
        try {
          otherWriterCommits();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(200);
      assertFalse(other.isDone(), "the other writer waits for the batch's commit");
      assertEquals(0, lastSeq(batch));
      try (Statement s = batch.createStatement()) {
        assertEquals(1, s.executeUpdate("UPDATE event_streams SET last_seq = 1"));
      }
      batch.commit();
      other.get(5, TimeUnit.SECONDS);
    }
    try (Connection check = open()) {
      assertEquals(1, lastSeq(check), "the claim changed nothing, the batch's write stands");
    }
  }

  @Test
  void aBatchThatWritesFirstWaitsForAWriterAlreadyAtWork() throws Exception {
    try (Connection other = open(); Statement s = other.createStatement()) {
      s.executeUpdate("INSERT INTO usage VALUES (1)"); // holds the write turn
      CompletableFuture<Long> batch = CompletableFuture.supplyAsync(() -> {
        try (Connection c = open()) {
          EventRows.claimWrite(c);
          long seq = lastSeq(c);
          try (Statement u = c.createStatement()) {
            u.executeUpdate("UPDATE event_streams SET last_seq = last_seq + 1");
          }
          c.commit();
          return seq;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(200);
      assertFalse(batch.isDone(), "the batch waits for its turn");
      other.commit();
      assertEquals(0, batch.get(5, TimeUnit.SECONDS));
    }
  }
}
