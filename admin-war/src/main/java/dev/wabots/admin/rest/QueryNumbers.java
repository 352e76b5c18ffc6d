package dev.wabots.admin.rest;

import dev.wabots.platform.Invalid;

/**
 * Numeric query parameters read as text, so a bad value is a 400 naming the parameter rather
 * than the 404 JAX-RS gives when it cannot convert a {@code @QueryParam int}.
 */
final class QueryNumbers {

  private QueryNumbers() {}

  /** A whole number ≥ 1; absent → {@code fallback}; above {@code cap} → {@code cap}. */
  static int positive(String name, String text, int fallback, int cap) {
    return atLeast(1, name, text, fallback, cap);
  }

  /** A whole number ≥ {@code min}; absent → {@code fallback}; above {@code cap} → {@code cap}. */
  static int atLeast(long min, String name, String text, int fallback, int cap) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw Invalid.of(name, "must be a whole number, not '" + text + "'");
    }
    if (value < min) {
      throw Invalid.of(name, "must be at least " + min);
    }
    return (int) Math.min(value, cap);
  }
}
