package dev.wabots.funnel.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file and its only owner in this process: a small pool of connections for reading and
 * one connection that every write transaction uses (each keeping its prepared statements), one
 * write lock, and transactions bound to the calling thread ({@link Transactions}). WAL, {@code
 * synchronous=NORMAL} (a commit survives a crash of the process, not of the machine), a 5 s busy
 * timeout and foreign keys on every connection.
 *
 * <p>Writers queue on one fair lock of this process before SQLite's write lock ({@code BEGIN
 * IMMEDIATE}): SQLite's own busy handler makes a waiting writer sleep in steps of up to 100 ms and
 * lets newcomers pass, which under load turned into waits of hundreds of milliseconds. Readers run
 * beside the writer on other connections (WAL). Write briefly — never across a network call.
 */
public final class SqliteDatabase implements Transactions, AutoCloseable {

  /** The busy timeout of every connection, in milliseconds (another process holding the file). */
  public static final int BUSY_TIMEOUT_MS = 5000;
  /** Longest wait for a free connection. */
  static final long BORROW_TIMEOUT_SECONDS = 30;

  private final Path file;
  private final SQLiteDataSource dataSource;
  private final long writeWaitMs;
  private final ReentrantLock writes = new ReentrantLock(true);
  /**
   * Routine writers pass this gate one at a time before they queue for {@link #writes}, and leave
   * it once they hold the turn: at most one of them is ever queued there. A {@link #writeFirst}
   * writer then waits for the transaction that holds the turn and at most one hand-on, not for
   * every routine writer queued ahead of it in the fair lock — each of which had to be woken (a
   * scheduling delay on a busy machine) only to hand the turn on.
   */
  private final ReentrantLock routineGate = new ReentrantLock(true);
  /** Times a routine writer handed its turn on to a {@link #writeFirst} writer. */
  private final LongAdder handedOn = new LongAdder();
  /** {@link #writeFirst} writers waiting for the write turn; routine writers hand it on meanwhile. */
  private final AtomicInteger firstWaiting = new AtomicInteger();
  private final Object firstGone = new Object();
  private final BlockingQueue<Conn> idle;
  private final List<Conn> all = new ArrayList<>();
  /**
   * The connection of every write transaction, opened by the first (under the write turn) and
   * closed with the pool.
   * SQLite empties a connection's page cache when it begins a transaction after another connection
   * of the file committed; writers taking turns over the pool therefore read every page they touch
   * again from the file (a profile of a busy bot: ~7 % of its CPU in page reads of writers). Only
   * this connection writes, so its cache stays valid from one write to the next.
   */
  private Conn writer;
  private final int size;
  private final ThreadLocal<Conn> bound = new ThreadLocal<>();
  private final LongAdder writeTransactions = new LongAdder();
  private volatile boolean closed;

  private SqliteDatabase(Path file, int connections, Duration writeWait) {
    this.file = file.toAbsolutePath();
    this.dataSource = dataSource(this.file);
    this.size = connections;
    this.idle = new ArrayBlockingQueue<>(connections);
    this.writeWaitMs = writeWait.toMillis();
  }

  /**
   * Opens (creating the folder if needed) the database in {@code file}, with up to {@code
   * connections} pooled connections for reading and one more for every write; a writer waits at
   * most {@code writeWait} for its turn.
   *
   * @throws StoreException if the folder cannot be created
   */
  public static SqliteDatabase open(Path file, int connections, Duration writeWait) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be positive: " + connections);
    }
    Objects.requireNonNull(writeWait, "writeWait");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder of " + file, e);
    }
    return new SqliteDatabase(file, connections, writeWait);
  }

  /** Opens with 4 connections for reading and a 5 s write wait. */
  public static SqliteDatabase open(Path file) {
    return open(file, 4, Duration.ofSeconds(5));
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Applies the Flyway migrations found at {@code location} (e.g. {@code
   * classpath:dev/wabots/funnel/store/migration}), keeping their history in {@code historyTable}
   * — so several components keep their own tables, and history, in one file.
   *
   * @throws StoreException if a migration fails
   */
  public void migrate(String location, String historyTable, ClassLoader resources) {
    try {
      Flyway.configure(resources)
          .dataSource(dataSource)
          .locations(location)
          .table(historyTable)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate " + historyTable + " in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T write(Work<T> work) {
    return write(work, false);
  }

  @Override
  public <T> T writeFirst(Work<T> work) {
    return write(work, true);
  }

  private <T> T write(Work<T> work, boolean first) {
    Conn current = bound.get();
    if (current != null) {
      if (!current.writing) {
        throw new IllegalStateException("a write cannot start inside a read on the same thread");
      }
      return work.run(current);
    }
    if (first) {
      firstWaiting.incrementAndGet();
      try {
        lockForWrite();
      } finally {
        if (firstWaiting.decrementAndGet() == 0) {
          synchronized (firstGone) {
            firstGone.notifyAll();
          }
        }
      }
    } else {
      lockForRoutineWrite();
    }
    try {
      Conn conn = writer();
      try {
        conn.execute("BEGIN IMMEDIATE");
        writeTransactions.increment();
        conn.writing = true;
        bound.set(conn);
        T result;
        try {
          result = work.run(conn);
          conn.execute("COMMIT");
        } catch (RuntimeException | Error e) {
          conn.afterCommit.clear();
          rollback(conn, e);
          throw e;
        }
        runAfterCommit(conn);
        return result;
      } finally {
        bound.remove();
        conn.writing = false;
        conn.afterCommit.clear();
      }
    } finally {
      writes.unlock();
    }
  }

  /** The write connection, opened if needed; the caller holds the write turn. */
  private Conn writer() {
    synchronized (all) {
      if (closed) {
        throw new StoreException("the database " + file + " is closed", null);
      }
      if (writer == null) {
        writer = connect();
      }
      return writer;
    }
  }

  /** A new connection to the file, configured as every connection is ({@link #dataSource}). */
  private Conn connect() {
    try {
      return new Conn(dataSource.getConnection());
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T read(Work<T> work) {
    Conn current = bound.get();
    if (current != null) {
      return work.run(current);
    }
    Conn conn = borrow();
    bound.set(conn);
    try {
      return work.run(conn);
    } finally {
      bound.remove();
      release(conn);
    }
  }

  @Override
  public void afterCommit(Runnable action) {
    Conn current = bound.get();
    if (current != null && current.writing) {
      current.afterCommit.add(action);
    } else {
      action.run();
    }
  }

  private static void runAfterCommit(Conn conn) {
    List<Runnable> actions = new ArrayList<>(conn.afterCommit);
    conn.afterCommit.clear();
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        System.getLogger(SqliteDatabase.class.getName()).log(System.Logger.Level.WARNING,
            "An action after a commit failed: {0}", e.toString());
      }
    }
  }

  @Override
  public boolean writing() {
    Conn current = bound.get();
    return current != null && current.writing;
  }

  /** Write transactions begun since the database was opened (committed or not). */
  public long writeTransactions() {
    return writeTransactions.sum();
  }

  /** Null when the database answers; otherwise why not. */
  public String problem() {
    try {
      read(s -> s.number("SELECT 1", 0));
      return null;
    } catch (StoreException | IllegalStateException e) {
      return e.getMessage();
    }
  }

  /**
   * The write turn for routine work: taken through the routine gate, and handed on while a {@link
   * #writeFirst} writer waits — the lock is fair, and behind this writer only first-comers queue for
   * it — for at most half the write wait, after which routine work takes its turn anyway.
   */
  private void lockForRoutineWrite() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(writeWaitMs);
    lock(routineGate, deadline);
    try {
      lock(writes, deadline);
      long giveWayUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(writeWaitMs / 2);
      while (firstWaiting.get() > 0 && System.nanoTime() < giveWayUntil) {
        writes.unlock();
        handedOn.increment();
        try {
          synchronized (firstGone) {
            while (firstWaiting.get() > 0) {
              long left = TimeUnit.NANOSECONDS.toMillis(giveWayUntil - System.nanoTime());
              if (left <= 0) {
                break;
              }
              firstGone.wait(left);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while waiting to write", e);
        }
        lockForWrite();
      }
    } finally {
      routineGate.unlock(); // the next routine writer queues for the turn while this one writes
    }
  }

  /** Times a routine writer handed its turn on to a {@link #writeFirst} writer since the database was opened. */
  long handedOn() {
    return handedOn.sum();
  }

  private void lockForWrite() {
    lock(writes, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(writeWaitMs));
  }

  /** Takes {@code lock} by {@code deadline} (nanoTime), or fails saying the database is busy. */
  private void lock(ReentrantLock lock, long deadline) {
    try {
      if (!lock.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new StoreException("the database is busy: no write turn within " + writeWaitMs + " ms", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to write", e);
    }
  }

  private static void rollback(Conn conn, Throwable failure) {
    try {
      conn.execute("ROLLBACK");
    } catch (RuntimeException rollback) {
      failure.addSuppressed(rollback);
    }
  }

  private Conn borrow() {
    Conn conn = idle.poll();
    if (conn != null) {
      return conn;
    }
    synchronized (all) {
      if (closed) {
        throw new StoreException("the database " + file + " is closed", null);
      }
      if (all.size() < size) {
        conn = connect();
        all.add(conn);
        return conn;
      }
    }
    try {
      conn = idle.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a connection to " + file, e);
    }
    if (conn == null) {
      throw new StoreException("no connection to " + file + " free within " + BORROW_TIMEOUT_SECONDS + " s", null);
    }
    return conn;
  }

  private void release(Conn conn) {
    if (closed || !idle.offer(conn)) {
      conn.close();
    }
  }

  @Override
  public void close() {
    synchronized (all) {
      closed = true;
      all.forEach(Conn::close);
      if (writer != null) {
        writer.close();
        writer = null;
      }
      all.clear();
      idle.clear();
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // Generated keys are read with last_insert_rowid() where needed; by default the driver asks after every update.
    config.setGetGeneratedKeys(false);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }

  /** A pooled connection with its prepared statements; the session of the work bound to it. */
  private static final class Conn implements Session {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    final List<Runnable> afterCommit = new ArrayList<>();
    volatile boolean writing;

    Conn(Connection connection) {
      this.connection = connection;
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      statement.clearParameters();
      for (int i = 0; i < params.length; i++) {
        bind(statement, i + 1, params[i]);
      }
      return statement;
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
      if (value == null) {
        statement.setNull(index, java.sql.Types.NULL);
      } else if (value instanceof String s) {
        statement.setString(index, s);
      } else if (value instanceof Integer n) {
        statement.setInt(index, n);
      } else if (value instanceof Long n) {
        statement.setLong(index, n);
      } else if (value instanceof Boolean b) {
        statement.setInt(index, b ? 1 : 0);
      } else if (value instanceof Double d) {
        statement.setDouble(index, d);
      } else if (value instanceof Instant t) {
        statement.setString(index, Timestamps.format(t));
      } else {
        throw new IllegalArgumentException("parameter " + index + " has an unsupported type: " + value.getClass().getName());
      }
    }

    void execute(String sql) {
      try {
        prepare(sql, new Object[0]).execute();
      } catch (SQLException e) {
        throw failed(sql, e);
      }
    }

    @Override
    public int update(String sql, Object... params) {
      try {
        return prepare(sql, params).executeUpdate();
      } catch (SQLException e) {
        throw failed(sql, e);
      }
    }

    @Override
    public long insert(String sql, Object... params) {
      if (update(sql, params) == 0) {
        return -1;
      }
      return number("SELECT last_insert_rowid()", -1);
    }

    @Override
    public <T> List<T> list(String sql, Function<Row, T> reader, Object... params) {
      try (ResultSet rs = prepare(sql, params).executeQuery()) {
        List<T> out = new ArrayList<>();
        Row row = new ResultRow(rs);
        while (rs.next()) {
          out.add(reader.apply(row));
        }
        return out;
      } catch (SQLException e) {
        throw failed(sql, e);
      }
    }

    @Override
    public <T> Optional<T> first(String sql, Function<Row, T> reader, Object... params) {
      try (ResultSet rs = prepare(sql, params).executeQuery()) {
        return rs.next() ? Optional.ofNullable(reader.apply(new ResultRow(rs))) : Optional.empty();
      } catch (SQLException e) {
        throw failed(sql, e);
      }
    }

    private static StoreException failed(String sql, SQLException e) {
      String statement = sql.length() > 80 ? sql.substring(0, 80) + "…" : sql;
      return new StoreException(e.getMessage() + " [" + statement + "]", e);
    }

    void close() {
      try {
        for (PreparedStatement statement : statements.values()) {
          statement.close();
        }
        connection.close();
      } catch (SQLException e) {
        // closing: nothing left to do with this connection
      }
    }
  }

  /** A {@link Row} over the current row of a result set. */
  private record ResultRow(ResultSet rs) implements Row {
    @Override
    public String text(int column) {
      try {
        return rs.getString(column);
      } catch (SQLException e) {
        throw new StoreException("cannot read column " + column + ": " + e.getMessage(), e);
      }
    }

    @Override
    public long number(int column) {
      try {
        return rs.getLong(column);
      } catch (SQLException e) {
        throw new StoreException("cannot read column " + column + ": " + e.getMessage(), e);
      }
    }

    @Override
    public double decimal(int column) {
      try {
        return rs.getDouble(column);
      } catch (SQLException e) {
        throw new StoreException("cannot read column " + column + ": " + e.getMessage(), e);
      }
    }

    @Override
    public boolean isNull(int column) {
      try {
        return rs.getObject(column) == null;
      } catch (SQLException e) {
        throw new StoreException("cannot read column " + column + ": " + e.getMessage(), e);
      }
    }
  }
}
