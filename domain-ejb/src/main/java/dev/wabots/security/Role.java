package dev.wabots.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person may do. Bots are not people: their tokens carry {@link #BOT_GROUP}. */
public enum Role {
  /** Sees and manages every bot and every account. */
  ADMIN,
  /** Manages the bots they own. */
  USER,
  /** Same rights as {@link #USER}; kept apart for accounts created by the web sign-up. */
  WEB,
  /** Reads everything, changes nothing. */
  GUEST;

  public static final String BOT_GROUP = "bot";

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean mayWrite() {
    return this != GUEST;
  }

  public boolean seesEveryBot() {
    return this == ADMIN || this == GUEST;
  }

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(r -> r.id().equals(text.trim())).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(Role::id).toList());
  }
}
