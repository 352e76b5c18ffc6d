package dev.wabots.users.control;

import dev.wabots.platform.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a user name and a password acceptable. Plain Java: the REST API, the panel and the
 * command-line tool all apply the same rules.
 */
public final class UserRules {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 128;
  /** Digits, punctuation and spaces at the end: "Password2024!" is "password" with decoration. */
  private static final Pattern DECORATION = Pattern.compile("[\\p{N}\\p{P}\\p{S}\\s]+$");
  static final String COMMON_PASSWORDS = "common-passwords.txt";
  private static final Set<String> COMMON = load();

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

  /**
   * A password for the account {@code username}: 10 to 128 characters, not only spaces, not the
   * user name, and not a commonly used password (the shipped list, ignoring case and trailing
   * digits or punctuation).
   */
  public static List<FieldError> checkPassword(String field, String password, String username) {
    var errors = new ArrayList<FieldError>();
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError(field, "is required"));
    } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
      errors.add(new FieldError(field, "must be at least " + MIN_PASSWORD + " characters"));
    } else if (password.length() > MAX_PASSWORD) {
      errors.add(new FieldError(field, "must be at most " + MAX_PASSWORD + " characters"));
    } else if (password.isBlank()) {
      errors.add(new FieldError(field, "must not be only spaces"));
    } else {
      String plain = password.strip().toLowerCase(Locale.ROOT);
      String core = DECORATION.matcher(plain).replaceAll("");
      String name = normaliseName(username);
      if (name != null && !name.isEmpty() && plain.startsWith(name)
          && DECORATION.matcher(plain.substring(name.length())).replaceAll("").isEmpty()) {
        errors.add(new FieldError(field, "must not be the user name"));
      } else if (COMMON.contains(plain) || COMMON.contains(core) || oneCharacter(plain)) {
        errors.add(new FieldError(field, "is a commonly used password; choose another"));
      }
    }
    return errors;
  }

  private static boolean oneCharacter(String text) {
    return text.codePoints().distinct().count() == 1;
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (InputStream in = UserRules.class.getResourceAsStream(COMMON_PASSWORDS)) {
      if (in == null) {
        throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = lines.readLine()) != null; ) {
        String word = line.replaceAll("#.*", "").strip().toLowerCase(Locale.ROOT);
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
