package dev.wabots.funnel.store;

import java.util.Optional;

/** The current row of a query; columns are numbered from 1. */
public interface Row {

  /** The column as text, or null. */
  String text(int column);

  /** The column as text, empty when NULL. */
  default Optional<String> optionalText(int column) {
    return Optional.ofNullable(text(column));
  }

  /** The column as a whole number (0 when NULL). */
  long number(int column);

  /** The column as an int (0 when NULL). */
  default int integer(int column) {
    return Math.toIntExact(number(column));
  }

  /** The column as a decimal number (0 when NULL). */
  double decimal(int column);

  /** A 0/1 column as a boolean. */
  default boolean flag(int column) {
    return number(column) != 0;
  }

  /** A time column (stored by this package as fixed-width ISO-8601 text), or null. */
  default java.time.Instant instant(int column) {
    String text = text(column);
    return text == null ? null : Timestamps.parse(text);
  }

  /** Whether the column is NULL. */
  boolean isNull(int column);
}
