package dev.wabots.funnel.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a database's write-ahead log into the database file on a thread and a connection of its
 * own, so that no writer waits for the copy or the disk.
 *
 * <p>SQLite's own checkpoint runs inside the commit that takes the log past a length, in the
 * committing thread, and ends with an {@code fsync} of the log and of the file. That thread holds
 * the write turn: every writer queued behind it — the webhook intake's too — waits for the copy and
 * the disk. A busy bot's acknowledgement tail was those waits (BENCHMARKS.md, "Checkpoints beside
 * the writers"). A passive checkpoint on another connection runs beside the writers (WAL): it copies
 * what no reader still needs and never blocks a writer.
 *
 * <p>The store reports every commit ({@link #committed()}); after about {@code pages} pages of log
 * (estimated from the pages per commit the previous checkpoint found) the thread wakes and copies.
 * Writers go on appending meanwhile, and the log starts again from its beginning only once it was
 * copied whole: so the last round holds the writers' turn, and copies the few commits they added
 * during the others. The thread starts with the first checkpoint due and ends with {@link
 * #close()}. SQLite's own checkpoint stays as the store's backstop, at a longer log, for when this
 * one falls behind.
 */
final class Checkpointer implements AutoCloseable {

  private static final Logger LOG = System.getLogger(Checkpointer.class.getName());
  /** Pages per commit assumed until the first checkpoint measured them (a busy bot's: ~13). */
  static final int FIRST_PAGES_PER_COMMIT = 16;
  /** Passive checkpoints beside the writers before the last one, which holds their turn. */
  static final int ROUNDS_BESIDE = 2;
  /** Longest wait for the write turn for the last round; without it the log is copied next time. */
  static final long TURN_WAIT_MS = 1_000;

  /** Holds the store's write turn: runs the action while no transaction writes. */
  interface Turn {
    /** Runs {@code action} holding the write turn; false if the turn did not come within {@code waitMs}. */
    boolean hold(Runnable action, long waitMs);
  }

  private final String name;
  private final Callable<Connection> connect;
  private final Turn turn;
  private final long pages;
  /** Commits since the last checkpoint began. */
  private final AtomicLong commits = new AtomicLong();
  /** Whether the thread was asked for a checkpoint it has not begun yet. */
  private final AtomicBoolean requested = new AtomicBoolean();
  private final LongAdder rounds = new LongAdder();
  private volatile long dueCommits;
  private volatile boolean closed;
  private Thread thread;
  private Connection connection;

  /**
   * @param name what the thread is called after ("sqlite-checkpoint " + name)
   * @param connect opens the checkpointer's connection (on its thread, at its first checkpoint)
   * @param turn holds the store's write turn for the last round
   * @param pages the log's length, in pages, to copy at
   */
  Checkpointer(String name, Callable<Connection> connect, Turn turn, long pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("pages must be positive: " + pages);
    }
    this.name = name;
    this.connect = connect;
    this.turn = turn;
    this.pages = pages;
    this.dueCommits = Math.max(1, pages / FIRST_PAGES_PER_COMMIT);
  }

  /** A write transaction committed; wakes the thread when a checkpoint is due. */
  void committed() {
    if (commits.incrementAndGet() >= dueCommits && !closed && requested.compareAndSet(false, true)) {
      Thread t;
      synchronized (this) {
        if (closed) {
          return;
        }
        if (thread == null) {
          thread = new Thread(this::run, "sqlite-checkpoint " + name);
          thread.setDaemon(true);
          thread.start();
        }
        t = thread;
      }
      LockSupport.unpark(t);
    }
  }

  /** The log's length, in pages, it copies at. */
  long pages() {
    return pages;
  }

  /** Passive checkpoints run so far (each round counts). */
  long rounds() {
    return rounds.sum();
  }

  private void run() {
    while (!closed) {
      if (!requested.get()) {
        LockSupport.park(this);
        continue;
      }
      try {
        checkpoint();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Checkpoint of {0} failed (the next commit past the backstop copies the log): {1}",
            name, e.toString());
        closeConnection();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Cannot open a checkpoint connection to {0}: {1}", name, e.toString());
      }
      requested.set(false);
      if (commits.get() >= dueCommits && requested.compareAndSet(false, true)) {
        continue; // due again already
      }
      if (closed) {
        break;
      }
    }
    closeConnection();
  }

  /**
   * Copies the log: rounds beside the writers (the bulk of the pages and the {@code fsync}s), then
   * one holding their turn, which copies what they added meanwhile — a few commits' pages — so the
   * log is copied whole and the next writer starts it again from its beginning. Estimates the
   * commits until the next checkpoint.
   */
  private void checkpoint() throws Exception {
    if (connection == null) {
      connection = connect.call();
    }
    long since = commits.getAndSet(0);
    long[] first = passive();
    for (int round = 1; round < ROUNDS_BESIDE && !closed; round++) {
      passive();
    }
    if (!closed && !turn.hold(this::passive, TURN_WAIT_MS)) {
      LOG.log(Level.DEBUG, "No write turn for the last checkpoint round of {0} within {1} ms", name, TURN_WAIT_MS);
    }
    // first[1]: frames in the log when this began, written by about `since` commits (more when the
    // log did not start again after the previous checkpoint: the estimate errs on the early side).
    if (first[1] > 0 && since > 0) {
      dueCommits = Math.max(1, Math.min(pages, pages * since / first[1]));
    }
  }

  /** One {@code PRAGMA wal_checkpoint(PASSIVE)}: {busy, frames in the log, frames copied}. */
  private long[] passive() {
    rounds.increment();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    } catch (SQLException e) {
      throw new StoreException("checkpoint of " + name + ": " + e.getMessage(), e);
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "Closing the checkpoint connection to {0}: {1}", name, e.toString());
      }
      connection = null;
    }
  }

  /** Ends the thread after the checkpoint it runs, if any, waiting up to 10 s for it. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
