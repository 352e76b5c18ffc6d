package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderChanges;
import dev.wabots.llm.entity.ProviderField;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.FieldError;
import dev.wabots.whatsapp.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a provider's settings must meet, checked field by field (every broken rule at once)
 * and then as a whole once merged with what is stored: Gemini and Anthropic need a model, an
 * OpenAI-compatible provider needs its address (the public services have a default one).
 */
public final class ProviderRules {

  public static final int MAX_NAME = 100;
  public static final int MAX_MODEL = 200;
  private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7E]{1," + MAX_MODEL + "}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,1024}");
  /** Provider ids as {@code cloud:{id}} accepts them. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ProviderRules() {}

  /** Checks and normalises (trims; {@code ""} clears model and key) in place. */
  public static List<FieldError> check(ProviderChanges c, boolean creating) {
    List<FieldError> errors = new ArrayList<>();
    if (creating && (!c.has(ProviderField.NAME) || c.text(ProviderField.NAME) == null)) {
      errors.add(new FieldError("name", "is required"));
    }
    if (creating && (!c.has(ProviderField.TYPE) || c.text(ProviderField.TYPE) == null)) {
      errors.add(new FieldError("type", "is required: one of " + ProviderType.choices()));
    }
    for (ProviderField f : List.copyOf(c.fields())) {
      String name = f.json();
      switch (f) {
        case NAME -> {
          String v = strip(c, f);
          if (v == null || v.isEmpty()) {
            errors.add(new FieldError(name, "is required and must not be blank"));
          } else if (v.codePointCount(0, v.length()) > MAX_NAME) {
            errors.add(new FieldError(name, "must be at most " + MAX_NAME + " characters"));
          } else if (Printable.nameProblem(v) != null) {
            errors.add(new FieldError(name, Printable.nameProblem(v)));
          }
        }
        case TYPE -> {
          String v = strip(c, f);
          Optional<ProviderType> type = ProviderType.parse(v);
          if (type.isEmpty()) {
            errors.add(new FieldError(name, "must be one of " + ProviderType.choices()));
          } else {
            c.set(f, type.get().id());
          }
        }
        case BASE_URL -> {
          String v = strip(c, f);
          if (v != null && !v.isEmpty()) {
            BaseUrls.problem(v).ifPresent(p -> errors.add(new FieldError(name, p)));
          } else {
            c.set(f, null);
          }
        }
        case MODEL -> {
          String v = strip(c, f);
          if (v == null || v.isEmpty()) {
            c.set(f, null);
          } else if (!MODEL.matcher(v).matches()) {
            errors.add(new FieldError(name, "must be 1-" + MAX_MODEL + " printable characters without spaces"));
          }
        }
        case API_KEY -> {
          String v = c.text(f);
          if (v == null || v.isEmpty()) {
            c.set(f, null);
          } else if (!KEY.matcher(v).matches()) {
            errors.add(new FieldError(name, "must be 1-1024 printable characters without spaces"));
          }
        }
        case ENABLED, ACCEPTS_IMAGES -> {
          if (c.raw(f) == null) {
            errors.add(new FieldError(name, "must be true or false, not null"));
          }
        }
        case OWNER_ID -> {
          if (c.raw(f) != null && c.integer(f) < 1) {
            errors.add(new FieldError(name, "must be a user id"));
          }
        }
      }
    }
    return errors;
  }

  /** The rules on the merged result: what this type needs. */
  public static List<FieldError> checkWhole(ProviderType type, String baseUrl, String model) {
    List<FieldError> errors = new ArrayList<>();
    if (type.needsModel() && (model == null || model.isBlank())) {
      errors.add(new FieldError("model", "is required for " + type.id() + " providers"));
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      errors.add(new FieldError("base_url", "is required for " + type.id() + " providers (e.g. https://api.openai.com)"));
    }
    return errors;
  }

  private static String strip(ProviderChanges c, ProviderField f) {
    String v = c.text(f);
    if (v == null) {
      return null;
    }
    String s = v.strip();
    c.set(f, s);
    return s;
  }
}
