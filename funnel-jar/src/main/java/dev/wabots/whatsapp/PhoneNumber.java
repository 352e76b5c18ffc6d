package dev.wabots.whatsapp;

import java.util.regex.Pattern;

/**
 * A WhatsApp user's phone number in international form, digits only (E.164 without the plus),
 * e.g. {@code 972544401243}. This is the {@code from} of inbound messages and the {@code to} of
 * outbound ones.
 */
public record PhoneNumber(String digits) {
  private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{5,14}");
  private static final Pattern DECORATION = Pattern.compile("[\\s()\\-.]");

  /** @throws IllegalArgumentException unless 6–15 digits not starting with 0 */
  public PhoneNumber {
    if (digits == null || !DIGITS.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "phone number must be 6-15 digits in international form, got: " + digits);
    }
  }

  /**
   * Parses a number written by a person or an API: a leading {@code +}, spaces, dashes, dots and
   * parentheses are dropped, e.g. {@code +1 (983) 555-2319}.
   *
   * @throws IllegalArgumentException if what remains is not a valid number
   */
  public static PhoneNumber parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("phone number is missing");
    }
    String cleaned = DECORATION.matcher(text.strip()).replaceAll("");
    return new PhoneNumber(cleaned.startsWith("+") ? cleaned.substring(1) : cleaned);
  }

  @Override
  public String toString() {
    return digits;
  }
}
