package dev.wabots.whatsapp;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/** Limit checks shared by the message types; every failure names field, limit and value. */
final class Checks {
  private Checks() {}

  /** A required text: not blank, at most {@code max} code points. */
  static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new LimitViolationException(field, "required, must not be blank", value);
    }
    return atMost(field, value, max);
  }

  /** An optional text (null allowed): when present, not blank and at most {@code max}. */
  static String optional(String field, String value, int max) {
    return value == null ? null : required(field, value, max);
  }

  static String atMost(String field, String value, int max) {
    if (CloudApiLimits.length(value) > max) {
      throw new LimitViolationException(field, "at most " + max + " characters", value);
    }
    return value;
  }

  static void count(String field, int count, int min, int max) {
    if (count < min || count > max) {
      throw LimitViolationException.count(field, "between " + min + " and " + max + " items", count);
    }
  }

  static void unique(String field, Set<String> seen, String value) {
    if (!seen.add(value)) {
      throw new LimitViolationException(field, "must be unique within the message", value);
    }
  }

  static Set<String> newSeen() {
    return new HashSet<>();
  }

  static String httpUrl(String field, String value) {
    required(field, value, Integer.MAX_VALUE);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new LimitViolationException(field, "must be an absolute http(s) URL", value);
  }
}
