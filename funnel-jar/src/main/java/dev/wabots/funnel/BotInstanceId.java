package dev.wabots.funnel;

import java.util.regex.Pattern;

/**
 * The id of a bot instance, a slug such as {@code support-bot}. Part of the payment label, so at
 * most 48 characters (a YooMoney label holds 64).
 */
public record BotInstanceId(String value) {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9_-]{0,47})");
  /** Longest accepted id. */
  public static final int MAX_LENGTH = 48;

  /** @throws IllegalArgumentException unless a lower-case slug of 1–48 characters */
  public BotInstanceId {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "bot instance id must be a lower-case slug of 1-48 characters [a-z0-9_-], got: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
