package dev.wabots.util;

/** Fixed-width decimal fields in text, written and read by hand (the stored timestamps' parts). */
public final class FixedDigits {

  private FixedDigits() {}

  /** Writes {@code value} as {@code width} digits at {@code at}, zero-padded on the left. */
  public static void write(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The number of {@code width} ASCII digits at {@code at}, or -1 if one of them is not a digit. */
  public static int read(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
