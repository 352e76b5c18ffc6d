package dev.wabots.funnel.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Statements inside a transaction of {@link Transactions}. Parameters are {@code String}, {@code
 * Integer}, {@code Long}, {@code Boolean} (stored as 0/1), {@code Double}, {@code Instant} (stored as fixed-width ISO-8601
 * UTC text with milliseconds, so text order is time order) or {@code null}; columns
 * are numbered from 1. Statements are prepared once per connection and kept.
 */
public interface Session {

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
  int update(String sql, Object... params);

  /** Runs an INSERT and returns the rowid of the new row (-1 when nothing was inserted). */
  long insert(String sql, Object... params);

  /** Every row of a query, each read by {@code reader}. */
  <T> List<T> list(String sql, Function<Row, T> reader, Object... params);

  /** The first row of a query, read by {@code reader}, if there is one. */
  <T> Optional<T> first(String sql, Function<Row, T> reader, Object... params);

  /** The first column of the first row as a number, or {@code orElse} when there is no row or it is NULL. */
  default long number(String sql, long orElse, Object... params) {
    return first(sql, r -> r.isNull(1) ? null : r.number(1), params).orElse(orElse);
  }
}
