package dev.wabots.funnel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

  @TempDir Path dir;
  private SqliteDatabase db;

  @BeforeEach
  void open() {
    db = SqliteDatabase.open(dir.resolve("t.db"), 3, Duration.ofMillis(300));
    db.writing(s -> s.update("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, at TEXT, x REAL)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void commitsCopyTheLogThemselvesOnlyPastFourTimesTheCheckpointersLengthAndTheLogIsTrimmedToEightMegabytes() {
    long pages = db.write(s -> s.number("PRAGMA wal_autocheckpoint", -1));
    long kept = db.write(s -> s.number("PRAGMA journal_size_limit", -1));
    assertEquals(32_000L, pages, "the backstop: 4 x 8 000");
    assertEquals(8L << 20, kept);
  }

  @Test
  void theCheckpointerCopiesTheLogIntoTheFileBesideTheWritersAndItsThreadEndsWithTheDatabase() throws Exception {
    Path file = dir.resolve("copied.db");
    SqliteDatabase small = SqliteDatabase.open(file, 2, Duration.ofSeconds(2), 64);
    try {
      small.writing(s -> s.update("CREATE TABLE big (id INTEGER PRIMARY KEY, body TEXT)"));
      long before = Files.size(file);
      // ~40 commits of 16 KB: ~170 pages of log, past the checkpointer's 64 and short of the
      // writers' own checkpoint (4 x 64): only the checkpointer copies them into the file.
      String body = "x".repeat(16 * 1024);
      for (int i = 0; i < 40; i++) {
        small.writing(s -> s.update("INSERT INTO big (body) VALUES (?)", body));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.size(file) < before + 20 * 16 * 1024 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.size(file) >= before + 20 * 16 * 1024,
          "the file holds the rows without a commit having copied them: " + Files.size(file) + " bytes");
      assertTrue(small.checkpointRounds() > 0);
      assertTrue(checkpointThreadAlive("copied.db"));
      assertEquals(40L, (long) small.read(s -> s.number("SELECT COUNT(*) FROM big", -1)));
    } finally {
      small.close();
    }
    assertFalse(checkpointThreadAlive("copied.db"), "closing the database ends its checkpointer");
  }

  @Test
  void aDatabaseThatNeverNeedsACheckpointStartsNoThread() {
    Path file = dir.resolve("quiet.db");
    SqliteDatabase quiet = SqliteDatabase.open(file, 1, Duration.ofSeconds(1));
    try {
      quiet.writing(s -> s.update("CREATE TABLE q (id INTEGER PRIMARY KEY)"));
      quiet.writing(s -> s.update("INSERT INTO q DEFAULT VALUES"));
      assertFalse(checkpointThreadAlive("quiet.db"));
      assertEquals(0L, quiet.checkpointRounds());
    } finally {
      quiet.close();
    }
  }

  private static boolean checkpointThreadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("sqlite-checkpoint " + name));
  }

  @Test
  void everyConnectionUsesWalBusyTimeoutForeignKeysAndNormalSync() {
    db.read(s -> {
      assertEquals("wal", s.first("PRAGMA journal_mode", r -> r.text(1), new Object[0]).orElseThrow());
      assertEquals(5000, s.number("PRAGMA busy_timeout", -1));
      assertEquals(1, s.number("PRAGMA foreign_keys", -1));
      assertEquals(1, s.number("PRAGMA synchronous", -1), "NORMAL");
      return null;
    });
  }

  @Test
  void bindsEverySupportedParameterTypeAndReadsItBack() {
    Instant at = Instant.parse("2026-12-03T10:00:00Z");
    long id = db.write(s -> s.insert("INSERT INTO t (name, n, at, x) VALUES (?, ?, ?, ?)", "Anna", 7L, at, 1.5));
    db.writing(s -> s.update("UPDATE t SET n = n + ? WHERE id = ? AND ?", 1, id, true));
    db.read(s -> s.first("SELECT name, n, at, x, NULL FROM t WHERE id = ?", r -> {
      assertEquals("Anna", r.text(1));
      assertEquals(8, r.integer(2));
      assertEquals("2026-12-03T10:00:00.000Z", r.text(3), "fixed width, so text order is time order");
      assertEquals(at, r.instant(3));
      assertEquals(1.5, r.decimal(4));
      assertTrue(r.isNull(5));
      assertEquals(Optional.empty(), r.optionalText(5));
      return r;
    }, id)).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> db.writing(s -> s.update("UPDATE t SET name = ?", new Object())));
  }

  @Test
  void aWriteInsideAWriteJoinsItAndAFailureRollsBackBoth() {
    assertThrows(IllegalStateException.class, () -> db.writing(outer -> {
      outer.update("INSERT INTO t (name) VALUES ('outer')");
      db.writing(inner -> inner.update("INSERT INTO t (name) VALUES ('inner')"));
      assertTrue(db.writing());
      throw new IllegalStateException("the caller's own work failed");
    }));
    assertEquals(0L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
    db.writing(outer -> {
      outer.update("INSERT INTO t (name) VALUES ('outer')");
      db.writing(inner -> inner.update("INSERT INTO t (name) VALUES ('inner')"));
    });
    assertEquals(List.of("outer", "inner"), db.read(s -> s.list("SELECT name FROM t ORDER BY id", r -> r.text(1))));
    assertFalse(db.writing());
  }

  @Test
  void afterCommitActionsRunOnceTheOuterTransactionCommitsAndNeverAfterARollback() {
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    db.writing(outer -> {
      db.writing(inner -> db.afterCommit(() -> ran.add("inner")));
      db.afterCommit(() -> ran.add("outer"));
      assertEquals(List.of(), ran, "not before the commit");
    });
    assertEquals(List.of("inner", "outer"), ran);
    assertThrows(IllegalStateException.class, () -> db.writing(s -> {
      db.afterCommit(() -> ran.add("rolled back"));
      throw new IllegalStateException("fails");
    }));
    db.afterCommit(() -> ran.add("outside"));
    assertEquals(List.of("inner", "outer", "outside"), ran);
  }

  @Test
  void aBadStatementIsAStoreExceptionNamingItAndRollsBack() {
    StoreException e = assertThrows(StoreException.class, () -> db.writing(s -> {
      s.update("INSERT INTO t (name) VALUES ('kept?')");
      s.update("INSERT INTO nowhere VALUES (1)");
    }));
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    assertEquals(0L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
  }

  /**
   * Every write goes through one connection, so no other connection commits between two writes and
   * SQLite keeps that connection's page cache ({@code PRAGMA data_version} changes exactly when
   * another connection committed since the connection's last look). Writes taking turns over the
   * pool saw it change.
   */
  @Test
  void everyWriteUsesTheSameConnectionSoNoWriterFindsAnotherConnectionsCommit() throws Exception {
    List<Long> versions = new java.util.ArrayList<>();
    ExecutorService readers = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 6; i++) {
        // A reader holds a connection of the pool while the write runs, as a lane reads while the
        // webhook writes: a writer borrowing from the pool took another connection each time.
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        Future<?> reader = readers.submit(() -> db.read(s -> {
          s.number("SELECT COUNT(*) FROM t", -1);
          reading.countDown();
          try {
            return written.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
        assertTrue(reading.await(5, TimeUnit.SECONDS));
        int n = i;
        db.writing(s -> {
          versions.add(s.number("PRAGMA data_version", -1));
          s.update("INSERT INTO t (name) VALUES (?)", "w" + n);
        });
        written.countDown();
        reader.get(5, TimeUnit.SECONDS);
      }
    } finally {
      readers.shutdownNow();
    }
    assertEquals(6, versions.size());
    assertTrue(versions.stream().allMatch(v -> v.equals(versions.get(0))), "another connection committed between writes: "
        + versions);
    assertEquals(6L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
  }

  @Test
  void aWriteCannotStartInsideARead() {
    assertThrows(IllegalStateException.class, () -> db.read(s -> db.write(w -> w.update("DELETE FROM t"))));
    db.writing(s -> s.update("INSERT INTO t (name) VALUES ('still writable')"));
  }

  /**
   * A pool whose first thread holds {@code database}'s write turn from the start until {@link
   * #release}; closing it lets the holder go, stops the pool and closes the database if it was
   * opened for the test.
   */
  private static final class HeldTurn implements AutoCloseable {
    final ExecutorService pool;
    private final SqliteDatabase database;
    private final boolean own;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Future<?> holder;

    HeldTurn(SqliteDatabase database, int threads, boolean own) throws InterruptedException {
      this.database = database;
      this.own = own;
      this.pool = Executors.newFixedThreadPool(threads);
      CountDownLatch inside = new CountDownLatch(1);
      holder = pool.submit(() -> database.writing(s -> {
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertTrue(inside.await(5, TimeUnit.SECONDS));
    }

    Future<?> submit(Runnable task) {
      return pool.submit(task);
    }

    /** The holder commits; returns once it has. */
    void release() throws Exception {
      release.countDown();
      holder.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      release.countDown();
      pool.shutdownNow();
      if (own) {
        database.close();
      }
    }
  }

  @Test
  void writersWaitForTheirTurnAndGiveUpAfterTheWriteWait() throws Exception {
    try (HeldTurn held = new HeldTurn(db, 2, false)) {
      StoreException busy = assertThrows(StoreException.class,
          () -> db.writing(s -> s.update("INSERT INTO t (name) VALUES ('late')")));
      assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
      assertEquals(0L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)), "readers are not blocked by the writer");
      Future<?> waiting = held.submit(() -> db.writing(s -> s.update("INSERT INTO t (name) VALUES ('next')")));
      Thread.sleep(50);
      held.release();
      waiting.get(5, TimeUnit.SECONDS);
      assertEquals(1L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
    }
  }

  @Test
  void aFirstWriterGoesBeforeRoutineWritersThatQueuedAheadOfIt() throws Exception {
    SqliteDatabase patient = SqliteDatabase.open(dir.resolve("first.db"), 4, Duration.ofSeconds(5));
    List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (HeldTurn held = new HeldTurn(patient, 3, true)) {
      Future<?> routine = held.submit(() -> patient.writing(s -> order.add("routine")));
      Thread.sleep(200); // queued for the turn
      Future<?> first = held.submit(() -> patient.writingFirst(s -> order.add("first")));
      Thread.sleep(200); // queued behind the routine writer
      held.release();
      first.get(5, TimeUnit.SECONDS);
      routine.get(5, TimeUnit.SECONDS);
      assertEquals(List.of("first", "routine"), order, "the routine writer handed its turn on");
      // With nobody first in line, a routine writer takes its turn at once.
      long t0 = System.nanoTime();
      patient.writing(s -> order.add("alone"));
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
    }
  }

  @Test
  void aFirstWriterJoinsTheRunningGroupAheadOfEveryQueuedRoutineWriterAndItsCommitComesNext() throws Exception {
    SqliteDatabase patient = SqliteDatabase.open(dir.resolve("gate.db"), 4, Duration.ofSeconds(5));
    List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (HeldTurn held = new HeldTurn(patient, 12, true)) {
      long transactions = patient.writeTransactions();
      List<Future<?>> routine = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        routine.add(held.submit(() -> patient.writing(s -> order.add("routine"))));
      }
      Thread.sleep(300); // all eight wait for the turn
      Future<?> first = held.submit(() -> patient.writingFirst(s -> order.add("first")));
      Thread.sleep(200);
      held.release();
      first.get(5, TimeUnit.SECONDS);
      for (Future<?> f : routine) {
        f.get(5, TimeUnit.SECONDS);
      }
      assertEquals("first", order.get(0), "the first writer went before the routine writers queued ahead of it");
      assertEquals(9, order.size());
      // The first writer joined the holder's transaction, whose commit came next; the eight routine
      // writers then shared one more.
      assertEquals(transactions + 1, patient.writeTransactions());
      assertEquals(1 + 7, patient.groupedWrites());
    }
  }

  /** A group led by a first writer takes only first writers' works: its caller does not wait for routine work. */
  @Test
  void aGroupLedByAFirstWriterLeavesRoutineWorkToTheNext() throws Exception {
    SqliteDatabase patient = SqliteDatabase.open(dir.resolve("firsts.db"), 4, Duration.ofSeconds(5));
    List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> holder = pool.submit(() -> patient.writingFirst(s -> {
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        order.add("holder");
      }));
      assertTrue(inside.await(5, TimeUnit.SECONDS));
      long transactions = patient.writeTransactions();
      Future<?> routine = pool.submit(() -> patient.writing(s -> order.add("routine")));
      Thread.sleep(100);
      Future<?> first = pool.submit(() -> patient.writingFirst(s -> order.add("first")));
      Thread.sleep(200);
      release.countDown();
      holder.get(5, TimeUnit.SECONDS);
      first.get(5, TimeUnit.SECONDS);
      routine.get(5, TimeUnit.SECONDS);
      assertEquals(List.of("holder", "first", "routine"), order);
      assertEquals(transactions + 1, patient.writeTransactions(), "the routine work in a transaction of its own");
      assertEquals(1, patient.groupedWrites(), "the second first writer joined the holder's");
    } finally {
      pool.shutdownNow();
      patient.close();
    }
  }

  @Test
  void aQueuedRoutineWriterGivesUpWithinTheWriteWait() throws Exception {
    SqliteDatabase hurried = SqliteDatabase.open(dir.resolve("hurried.db"), 4, Duration.ofMillis(300));
    try (HeldTurn held = new HeldTurn(hurried, 4, true)) {
      Future<?> queued = held.submit(() -> hurried.writing(s -> s.update("CREATE TABLE IF NOT EXISTS x (n)")));
      Thread.sleep(50);
      long t0 = System.nanoTime();
      StoreException busy = assertThrows(StoreException.class, () -> hurried.writing(s -> s.update("CREATE TABLE IF NOT EXISTS x (n)")));
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(busy.getMessage().contains("no write turn within 300 ms"), busy.getMessage());
      assertTrue(waited >= 250 && waited < 2000, "waited " + waited + " ms");
      held.release();
      assertThrows(java.util.concurrent.ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS),
          "the writer queued for the turn timed out too");
    }
  }

  /**
   * Routine writes queued while the turn is held run in the holder's transaction, one commit for
   * all; each caller gets its own result and runs its own after-commit actions on its own thread.
   */
  @Test
  void routineWritesQueuedMeanwhileShareOneCommit() throws Exception {
    SqliteDatabase patient = SqliteDatabase.open(dir.resolve("group.db"), 4, Duration.ofSeconds(5));
    patient.writing(s -> s.update("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"));
    List<String> afterCommit = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (HeldTurn held = new HeldTurn(patient, 8, true)) {
      long transactions = patient.writeTransactions();
      List<Future<Long>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String name = "w" + i;
        writes.add(held.pool.submit(() -> {
          String caller = Thread.currentThread().getName();
          long id = patient.write(s -> {
            patient.afterCommit(() -> afterCommit.add(
                name + (Thread.currentThread().getName().equals(caller) ? "" : " elsewhere")));
            return s.insert("INSERT INTO t (name) VALUES (?)", name);
          });
          afterCommit.add(name + " returned");
          return id;
        }));
      }
      Thread.sleep(300); // all six queued behind the turn
      assertEquals(List.of(), afterCommit);
      held.release();
      List<Long> ids = new java.util.ArrayList<>();
      for (Future<Long> f : writes) {
        ids.add(f.get(5, TimeUnit.SECONDS));
      }
      assertEquals(transactions, patient.writeTransactions(), "no transaction besides the holder's");
      assertEquals(6, patient.groupedWrites());
      assertEquals(6, ids.stream().distinct().filter(id -> id > 0).count(), "each caller got its own row id: " + ids);
      assertEquals(6L, (long) patient.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
      for (int i = 0; i < 6; i++) {
        int action = afterCommit.indexOf("w" + i);
        assertTrue(action >= 0 && action < afterCommit.indexOf("w" + i + " returned"),
            "w" + i + "'s action ran on its own thread before it returned: " + afterCommit);
      }
    }
  }

  /**
   * In a group, a work that fails — by throwing, or with a bad statement, or in a write it joined —
   * is rolled back alone: its caller gets its exception, and its after-commit actions never run;
   * the works before and after it commit.
   */
  @Test
  void aGroupedWriteThatFailsIsRolledBackAlone() throws Exception {
    SqliteDatabase patient = SqliteDatabase.open(dir.resolve("alone.db"), 4, Duration.ofSeconds(5));
    patient.writing(s -> s.update("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"));
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (HeldTurn held = new HeldTurn(patient, 6, true)) {
      Future<?> a = held.submit(() -> patient.writing(s -> s.update("INSERT INTO t (name) VALUES ('a')")));
      Thread.sleep(100);
      Future<?> b = held.submit(() -> patient.writing(s -> {
        s.update("INSERT INTO t (name) VALUES ('b')");
        patient.writing(inner -> inner.update("INSERT INTO t (name) VALUES ('b, joined')"));
        patient.afterCommit(() -> ran.add("b"));
        throw new IllegalStateException("b fails");
      }));
      Thread.sleep(100);
      Future<?> c = held.submit(() -> patient.writing(s -> {
        s.update("INSERT INTO t (name) VALUES ('c')");
        s.update("INSERT INTO t (name) VALUES ('a')"); // taken: the constraint fails the statement
      }));
      Thread.sleep(100);
      Future<?> d = held.submit(() -> patient.writing(s -> {
        s.update("INSERT INTO t (name) VALUES ('d')");
        patient.afterCommit(() -> ran.add("d"));
      }));
      Thread.sleep(200);
      held.release();
      a.get(5, TimeUnit.SECONDS);
      var bFailed = assertThrows(java.util.concurrent.ExecutionException.class, () -> b.get(5, TimeUnit.SECONDS));
      assertEquals("b fails", bFailed.getCause().getMessage());
      var cFailed = assertThrows(java.util.concurrent.ExecutionException.class, () -> c.get(5, TimeUnit.SECONDS));
      assertTrue(cFailed.getCause() instanceof StoreException && cFailed.getCause().getMessage().contains("UNIQUE"),
          cFailed.getCause().toString());
      d.get(5, TimeUnit.SECONDS);
      assertEquals(2, patient.groupedWrites(), "the four ran in the holder's transaction, a and d committed with it");
      assertEquals(List.of("a", "d"), patient.read(s -> s.list("SELECT name FROM t ORDER BY id", r -> r.text(1))));
      assertEquals(List.of("d"), ran);
    }
  }

  @Test
  void manyThreadsShareAFewConnections() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        writes.add(pool.submit(() -> n % 3 == 0
            ? db.read(s -> s.number("SELECT COUNT(*) FROM t", -1))
            : db.write(s -> s.insert("INSERT INTO t (n) VALUES (?)", n))));
      }
      for (Future<Long> f : writes) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertEquals(133L, (long) db.read(s -> s.number("SELECT COUNT(*) FROM t", -1)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedDatabaseRefusesWork() {
    db.close();
    assertThrows(StoreException.class, () -> db.read(s -> s.number("SELECT 1", 0)));
    assertTrue(db.problem() != null);
  }
}
