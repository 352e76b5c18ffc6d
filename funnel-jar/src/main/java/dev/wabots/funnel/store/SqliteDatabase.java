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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file and its only owner in this process: a small pool of connections for reading and
 * one connection that every write transaction uses (each keeping its prepared statements), one
 * write turn, and transactions bound to the calling thread ({@link Transactions}). WAL, {@code
 * synchronous=NORMAL} (a commit survives a crash of the process, not of the machine), a 5 s busy
 * timeout and foreign keys on every connection.
 *
 * <p>Group commit: writers queue their work, and one of their threads at a time (the leader) takes
 * the write turn and runs the works queued by then in one transaction, each after the first in a
 * savepoint of its own (a work that fails is rolled back alone and its caller gets its exception),
 * then commits them together. The others wait for the leader, not for a lock, and run their
 * after-commit actions themselves. {@link #writeFirst} works (the webhook intake) are taken before
 * routine ones, even into a group already running, so they wait for at most the work running
 * then, never for a queue of routine writers or a hand-on of the lock (under load each hand-on is a
 * scheduling delay on a saturated machine). Before, a busy bot's lanes spent two thirds of their
 * time queued for the write turn, one short transaction each (BENCHMARKS.md, "Group commit").
 * SQLite's own busy handler is not the queue: it makes a waiting writer sleep in steps of up to
 * 100 ms and lets newcomers pass. Readers run beside the writer on other connections (WAL), and so
 * does the {@link Checkpointer}, which copies the log into the file: no writer waits for that copy
 * or its {@code fsync}. Write briefly — never across a network call.
 */
public final class SqliteDatabase implements Transactions, AutoCloseable {

  /** At most this many works share one transaction. */
  static final int GROUP_MAX = 64;
  /** The busy timeout of every connection, in milliseconds (another process holding the file). */
  public static final int BUSY_TIMEOUT_MS = 5000;
  /**
   * The write-ahead log's length, in pages, at which the {@link Checkpointer} copies it into the
   * database file, beside the writers (SQLite's default: 1 000, in the committing writer). The pages
   * a busy bot changes all the time (the tables' last pages, the indexes' inner pages) are copied
   * once per checkpoint however often they changed, so a longer log copies fewer pages per message
   * (BENCHMARKS.md).
   */
  static final int CHECKPOINT_PAGES = 8_000;
  /**
   * A commit copies the log itself (SQLite's auto-checkpoint, in the writer holding the write turn)
   * at this many times the checkpointer's length: only if the {@link Checkpointer} fell behind.
   */
  static final int BACKSTOP_FACTOR = 4;
  /** What is left of the log file on disk after a checkpoint emptied it (SQLite keeps it all by default). */
  static final long WAL_KEPT_BYTES = 8L << 20;

  /** Longest wait for a free connection. */
  static final long BORROW_TIMEOUT_SECONDS = 30;

  private final Path file;
  private final SQLiteDataSource dataSource;
  private final long writeWaitMs;
  /** {@link #writeFirst} works waiting for a group transaction, oldest first: taken before routine works. */
  private final ConcurrentLinkedQueue<Grouped> firsts = new ConcurrentLinkedQueue<>();
  /** Routine works waiting for a group transaction, oldest first. */
  private final ConcurrentLinkedQueue<Grouped> routine = new ConcurrentLinkedQueue<>();
  /** The write turn: whether a writer (the leader) is running queued works in a transaction. */
  private final AtomicBoolean leading = new AtomicBoolean();
  /** Works that ran in a transaction another work began, and committed with it. */
  private final LongAdder groupedWrites = new LongAdder();
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
  private final Checkpointer checkpointer;
  private final LongAdder writeTransactions = new LongAdder();
  private volatile boolean closed;

  private SqliteDatabase(Path file, int connections, Duration writeWait, int checkpointPages) {
    this.file = file.toAbsolutePath();
    this.dataSource = dataSource(this.file);
    this.checkpointer = new Checkpointer(String.valueOf(this.file.getFileName()), this::checkpointConnection,
        this::holdingTheTurn, checkpointPages);
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
    return open(file, connections, writeWait, CHECKPOINT_PAGES);
  }

  /** {@link #open(Path, int, Duration)} with the log copied at {@code checkpointPages} (tests). */
  static SqliteDatabase open(Path file, int connections, Duration writeWait, int checkpointPages) {
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
    return new SqliteDatabase(file, connections, writeWait, checkpointPages);
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
    return writeInGroup(work, first);
  }

  /**
   * Queues the work and returns its outcome once a group transaction ran it — led by whichever
   * writer leads then, which may be this thread. Its after-commit actions run on this thread.
   */
  @SuppressWarnings("unchecked")
  private <T> T writeInGroup(Work<T> work, boolean first) {
    Grouped mine = new Grouped(work, first, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(writeWaitMs));
    (first ? firsts : routine).add(mine);
    boolean interrupted = false;
    try {
      while (!mine.done) {
        if (leading.compareAndSet(false, true)) {
          try {
            lead(mine);
          } finally {
            leading.set(false);
            // Queued after the group was taken, or left out of it: the head leads the next group.
            wakeHead();
          }
          continue;
        }
        long left = mine.deadline - System.nanoTime();
        if (left > 0) {
          LockSupport.parkNanos(this, left);
        } else if (dequeue(mine)) {
          wakeHead(); // it may have been woken to lead: the next in line does instead
          throw busy();
        } else {
          LockSupport.park(this); // in a group now: its outcome comes
        }
        if (Thread.interrupted()) {
          interrupted = true;
          if (dequeue(mine)) {
            wakeHead();
            throw new StoreException("interrupted while waiting to write", new InterruptedException());
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (mine.failure instanceof RuntimeException e) {
      throw e;
    }
    if (mine.failure instanceof Error e) {
      throw e;
    }
    runAfterCommit(mine.afterCommit);
    return (T) mine.result;
  }

  /** Takes a work that no group took out of its queue; false if a group has it. */
  private boolean dequeue(Grouped work) {
    return (work.first ? firsts : routine).remove(work);
  }

  private void wakeHead() {
    Grouped head = firsts.peek();
    if (head == null) {
      head = routine.peek();
    }
    if (head != null) {
      LockSupport.unpark(head.waiter);
    }
  }

  private StoreException busy() {
    return new StoreException("the database is busy: no write turn within " + writeWaitMs + " ms", null);
  }

  /**
   * The leader's work, with the write turn: runs queued works in one transaction and commits them
   * together — {@link #writeFirst} works before routine ones, each work after the first in a
   * savepoint, so a work that fails is rolled back alone. A leader that is itself a first writer
   * takes only first writers' works, so its caller (a webhook's sender) does not wait for routine
   * work, and once a first writer's work is in a group, no more routine work joins it before the
   * commit; at most {@link #GROUP_MAX} works; and when the first work fails, its transaction is
   * rolled back whole (nothing else is in it yet) and the group ends.
   */
  private void lead(Grouped mine) {
    if (mine.done) {
      return;
    }
    Conn conn;
    try {
      conn = writer();
      begin(conn);
    } catch (RuntimeException e) {
      end(writer);
      dequeue(mine); // only a leader takes works from the queues: it is still there
      throw e;
    }
    List<Grouped> group = new ArrayList<>();
    try {
      runGroup(conn, group, mine.first);
    } finally {
      end(conn);
    }
    group.forEach(Grouped::finish);
  }

  /** The next work for the group: a first writer's, else (unless {@code firstsOnly}) a routine one. */
  private Grouped next(boolean firstsOnly) {
    Grouped next = firsts.poll();
    return next != null || firstsOnly ? next : routine.poll();
  }

  /** Runs queued works in the open transaction and commits; each work of {@code group} gets its outcome. */
  private void runGroup(Conn conn, List<Grouped> group, boolean firstsOnly) {
    try {
      Grouped first = next(firstsOnly); // the leader's own work is queued: never null
      group.add(first);
      try {
        first.result = first.work.run(conn);
      } catch (RuntimeException | Error e) {
        conn.afterCommit.clear();
        rollback(conn, e);
        first.failure = e;
        return;
      }
      first.afterCommit = takeAfterCommit(conn);
      // Once a first writer's work is in, no more routine work: the commit it waits for comes next.
      boolean firstIn = first.first;
      for (Grouped next; group.size() < GROUP_MAX && (next = next(firstsOnly || firstIn)) != null; ) {
        group.add(next);
        firstIn |= next.first;
        conn.execute("SAVEPOINT grouped_write");
        try {
          next.result = next.work.run(conn);
          conn.execute("RELEASE grouped_write");
          next.afterCommit = takeAfterCommit(conn);
        } catch (RuntimeException | Error e) {
          conn.afterCommit.clear();
          next.failure = e;
          // Rolled back alone; if even that fails, the whole group is (below).
          conn.execute("ROLLBACK TO grouped_write");
          conn.execute("RELEASE grouped_write");
        }
      }
      conn.execute("COMMIT");
      checkpointer.committed();
      groupedWrites.add(group.stream().skip(1).filter(g -> g.failure == null).count());
    } catch (RuntimeException | Error e) {
      // A savepoint or the commit failed: nothing of the group is kept.
      rollback(conn, e);
      for (Grouped g : group) {
        if (g.failure == null) {
          g.failure = e;
          g.afterCommit = List.of();
        }
      }
    }
  }

  private void begin(Conn conn) {
    conn.execute("BEGIN IMMEDIATE");
    writeTransactions.increment();
    conn.writing = true;
    bound.set(conn);
  }

  private void end(Conn conn) {
    bound.remove();
    if (conn != null) {
      conn.writing = false;
      conn.afterCommit.clear();
    }
  }

  /** The after-commit actions registered on {@code conn} by the work that just ran, removed from it. */
  private static List<Runnable> takeAfterCommit(Conn conn) {
    if (conn.afterCommit.isEmpty()) {
      return List.of();
    }
    List<Runnable> actions = new ArrayList<>(conn.afterCommit);
    conn.afterCommit.clear();
    return actions;
  }

  /** A write waiting for its group transaction, and then its outcome. */
  private static final class Grouped {
    final Work<?> work;
    /** Whether it came through {@link #writeFirst}. */
    final boolean first;
    /** The thread waiting for this work: woken alone when its outcome is set or it may lead. */
    final Thread waiter = Thread.currentThread();
    /** When it gives up if no group has taken it ({@link System#nanoTime}). */
    final long deadline;
    volatile boolean done;
    Object result;
    Throwable failure;
    List<Runnable> afterCommit = List.of();

    Grouped(Work<?> work, boolean first, long deadline) {
      this.work = work;
      this.first = first;
      this.deadline = deadline;
    }

    /** Marks the work done (its outcome set before) and wakes its thread. */
    void finish() {
      done = true;
      LockSupport.unpark(waiter);
    }
  }

  /** The write connection, opened if needed; the caller holds the write turn. */
  private Conn writer() {
    synchronized (all) {
      if (closed) {
        throw new StoreException("the database " + file + " is closed", null);
      }
      if (writer == null) {
        Conn opened = connect();
        try {
          opened.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_FACTOR * checkpointer.pages());
          opened.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
        } catch (RuntimeException e) {
          opened.close();
          throw e;
        }
        writer = opened;
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

  private static void runAfterCommit(List<Runnable> actions) {
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

  /** Writes since the database was opened that ran in a transaction another began, and committed with it. */
  public long groupedWrites() {
    return groupedWrites.sum();
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

  /** The checkpointer's connection: configured as every connection, its log trimmed as the writer's. */
  private Connection checkpointConnection() throws SQLException {
    Connection connection = dataSource.getConnection();
    try (var st = connection.createStatement()) {
      st.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * Runs {@code action} holding the write turn, so that no transaction writes meanwhile: the
   * checkpointer's last round. Waits at most {@code waitMs} for the turn; false if it did not come
   * (nothing ran). Queued writers wait for it as for any group, and the next is woken after.
   */
  private boolean holdingTheTurn(Runnable action, long waitMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (!leading.compareAndSet(false, true)) {
      if (closed || System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(this, 50_000);
    }
    try {
      action.run();
    } finally {
      leading.set(false);
      wakeHead();
    }
    return true;
  }

  /** Passive checkpoints the checkpointer ran since the database was opened. */
  long checkpointRounds() {
    return checkpointer.rounds();
  }

  @Override
  public void close() {
    checkpointer.close(); // its connection first: the last one closed checkpoints what is left
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
