package dev.wabots.funnel.store;

import dev.wabots.funnel.FunnelStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteDataSource;

/**
 * A few SQLite connections shared by threads, each used by one thread at a time and keeping its
 * prepared statements. WAL lets readers run beside the one writer; the busy timeout makes a writer
 * wait for the lock instead of failing.
 */
final class ConnectionPool implements AutoCloseable {
  private static final long ACQUIRE_TIMEOUT_SECONDS = 30;

  private final SQLiteDataSource dataSource;
  private final BlockingQueue<Session> idle;
  private final int size;
  private final List<Session> all = new ArrayList<>();
  private boolean closed;

  ConnectionPool(SQLiteDataSource dataSource, int size) {
    this.dataSource = dataSource;
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  Session acquire() {
    Session session = idle.poll();
    if (session != null) {
      return session;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      if (all.size() < size) {
        session = new Session(open());
        all.add(session);
        return session;
      }
    }
    try {
      session = idle.poll(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FunnelStoreException("interrupted while waiting for a connection", e);
    }
    if (session == null) {
      throw new FunnelStoreException("no connection free after " + ACQUIRE_TIMEOUT_SECONDS + " s", null);
    }
    return session;
  }

  void release(Session session) {
    synchronized (this) {
      if (closed) {
        session.close();
        return;
      }
    }
    if (!idle.offer(session)) {
      session.close();
    }
  }

  private Connection open() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new FunnelStoreException("cannot open " + dataSource.getUrl(), e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    all.forEach(Session::close);
    all.clear();
    idle.clear();
  }

  /** A connection and its cached prepared statements. */
  static final class Session {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Session(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      statement.clearParameters();
      return statement;
    }

    /** Runs a statement without parameters or results (transaction control), kept prepared. */
    void execute(String sql) throws SQLException {
      prepare(sql).execute();
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
}
