package dev.wabots.bot.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A few long-lived SQLite connections (opening one costs a file open and the pragmas every time).
 * {@link #borrow()} hands out a connection whose {@code close()} gives it back — rolled back and in
 * auto-commit mode, whatever the borrower left.
 */
final class ConnectionPool implements AutoCloseable {

  private final DataSource source;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();
  private final int size;

  ConnectionPool(DataSource source, int size) {
    this.source = source;
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(size);
  }

  Connection borrow() throws SQLException {
    return borrow(() -> {});
  }

  /** A connection whose {@code close()} gives it back and then runs {@code onReturn}. */
  Connection borrow(Runnable onReturn) throws SQLException {
    Connection real = idle.poll();
    if (real == null) {
      synchronized (all) {
        if (all.size() < size) {
          real = source.getConnection();
          all.add(real);
        }
      }
    }
    if (real == null) {
      try {
        real = idle.poll(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for a database connection", e);
      }
      if (real == null) {
        throw new SQLException("no database connection free within 30 s");
      }
    }
    return lend(real, onReturn);
  }

  private Connection lend(Connection real, Runnable onReturn) {
    boolean[] returned = {false};
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close")) {
        if (!returned[0]) {
          returned[0] = true;
          try {
            giveBack(real);
          } finally {
            onReturn.run();
          }
        }
        return null;
      }
      if (method.getName().equals("isClosed")) {
        return returned[0] || real.isClosed();
      }
      if (returned[0]) {
        throw new SQLException("connection already given back to the pool");
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private void giveBack(Connection real) throws SQLException {
    try {
      if (!real.getAutoCommit()) {
        real.rollback();
        real.setAutoCommit(true);
      }
      idle.offer(real);
    } catch (SQLException e) {
      synchronized (all) {
        all.remove(real);
      }
      real.close();
    }
  }

  @Override
  public void close() {
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      all.clear();
    }
  }
}
