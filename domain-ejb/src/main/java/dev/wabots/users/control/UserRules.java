package dev.wabots.users.control;

import dev.wabots.platform.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a user name and a password acceptable. Plain Java: the REST API, the panel and the
 * command-line tool all apply the same rules.
 */
public final class UserRules {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
  public static final int MIN_PASSWORD = 8;
  public static final int MAX_PASSWORD = 128;

  private UserRules() {}

  public static String normaliseName(String username) {
    return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
  }

  public static List<FieldError> checkName(String username) {
    var errors = new ArrayList<FieldError>();
    String name = normaliseName(username);
    if (name == null || name.isEmpty()) {
      errors.add(new FieldError("username", "is required"));
    } else if (!NAME.matcher(name).matches()) {
      errors.add(
          new FieldError(
              "username",
              "must be 3-32 characters: letters a-z, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    return errors;
  }

  public static List<FieldError> checkPassword(String field, String password) {
    var errors = new ArrayList<FieldError>();
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError(field, "is required"));
    } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      errors.add(new FieldError(field, "must be at least " + MIN_PASSWORD + " characters"));
    } else if (password.length() > MAX_PASSWORD) {
      errors.add(new FieldError(field, "must be at most " + MAX_PASSWORD + " characters"));
    } else if (password.isBlank()) {
      errors.add(new FieldError(field, "must not be only spaces"));
    }
    return errors;
  }
}
