package dev.wabots.instances.control;

import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.platform.FieldError;
import dev.wabots.whatsapp.Printable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every bot setting must meet. Checks a set of changes field by field, reporting every
 * broken rule at once, and normalises what it accepts (trimmed text, phone numbers as bare
 * digits without duplicates). Plain Java: the API and the panel share it.
 */
public final class InstanceRules {

  public static final int MAX_NAME = 100;
  public static final int MAX_DESCRIPTION = 2000;
  public static final int MAX_PROMPT = 20_000;
  public static final int MIN_PORT = 1024;
  public static final int MAX_PORT = 65535;
  public static final int MAX_RATE_COUNT = 10_000;
  public static final int MAX_RATE_HOURS = 24 * 366;
  public static final int MAX_PHONES = 10_000;
  /** Hand-back after operator silence: 1 hour to 30 days. */
  public static final int MAX_HANDBACK_HOURS = 24 * 30;
  /** Message text retention: 1 day to 10 years. */
  public static final int MAX_RETENTION_DAYS = 3650;
  public static final Set<String> TTS_ENGINES = Set.of("xtts", "piper", "openvoice", "espeak");
  public static final Set<String> LLM_PARAM_NAMES = Set.of("temperature", "max_tokens", "top_p");
  public static final Set<String> LANGUAGES = Set.of("ru", "en");
  /** Voice presets of the TTS router (speed and pitch; see {@code speech.control.Preset}). */
  public static final Set<String> TTS_PRESETS = Set.of("calm", "fast", "bright");

  private static final Pattern BACKEND = Pattern.compile("vllm|gemini|cloud:[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern META_ID = Pattern.compile("[0-9]{1,32}");
  private static final Pattern GRAPH_VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");
  private static final Pattern TOKEN_TEXT = Pattern.compile("[\\x21-\\x7E]{1,1024}");
  private static final Pattern PROVIDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern PHONE_NOISE = Pattern.compile("[\\s()\\-.]");
  private static final Pattern E164_DIGITS = Pattern.compile("[1-9][0-9]{6,14}");

  private InstanceRules() {}

  /**
   * Checks and normalises {@code changes} in place. On create, {@code name} is required.
   *
   * @return every broken rule; empty when the changes are acceptable
   */
  public static List<FieldError> check(InstanceChanges changes, boolean creating) {
    List<FieldError> errors = new ArrayList<>();
    if (creating && (!changes.has(InstanceField.NAME) || changes.text(InstanceField.NAME) == null)) {
      errors.add(new FieldError("name", "is required"));
    }
    for (InstanceField field : List.copyOf(changes.fields())) {
      checkField(field, changes, errors);
    }
    return errors;
  }

  private static void checkField(InstanceField f, InstanceChanges c, List<FieldError> errors) {
    String name = f.json();
    Object raw = c.raw(f);
    switch (f) {
      case NAME -> {
        String v = trimmed(c, f);
        if (v == null || v.isEmpty()) {
          errors.add(new FieldError(name, "is required and must not be blank"));
        } else if (v.codePointCount(0, v.length()) > MAX_NAME) {
          errors.add(new FieldError(name, "must be at most " + MAX_NAME + " characters"));
        } else if (Printable.nameProblem(v) != null) {
          errors.add(new FieldError(name, Printable.nameProblem(v)));
        }
      }
      case DESCRIPTION -> maxLength(name, trimmed(c, f), MAX_DESCRIPTION, errors);
      case SYSTEM_PROMPT -> maxLength(name, c.text(f), MAX_PROMPT, errors);
      case ENABLED, AUTO_START, TTS_ENABLED, STT_ENABLED, STT_ECHO, MEDIA_HANDOFF, HANDOFF_ON_CONTACT, HANDOFF_ON_PERSON_WORDS,
          HANDOFF_ON_AI_FAILURE, HANDOFF_ON_TOO_EXPENSIVE -> {
        if (raw == null) {
          errors.add(new FieldError(name, "must be true or false, not null"));
        }
      }
      case OWNER_ID -> {
        if (raw != null && c.integer(f) < 1) {
          errors.add(new FieldError(name, "must be a user id"));
        }
      }
      case MODE -> {
        String v = trimmed(c, f);
        if (v == null || !(v.equals("sandbox") || v.equals("live"))) {
          errors.add(new FieldError(name, "must be 'sandbox' or 'live'"));
        }
      }
      case PHONE_NUMBER_ID, WABA_ID -> {
        String v = trimmed(c, f);
        if (v != null && !v.isEmpty() && !META_ID.matcher(v).matches()) {
          errors.add(new FieldError(name, "must be the numeric id Meta shows (digits only)"));
        }
        if (v != null && v.isEmpty()) {
          c.set(f, null);
        }
      }
      case ACCESS_TOKEN, VERIFY_TOKEN, APP_SECRET -> {
        String v = c.text(f);
        if (v != null && !v.isEmpty() && !TOKEN_TEXT.matcher(v).matches()) {
          errors.add(new FieldError(name, "must be 1-1024 printable characters without spaces"));
        }
      }
      case WEBHOOK_PORT -> {
        Long v = c.integer(f);
        if (v == null || v < MIN_PORT || v > MAX_PORT) {
          errors.add(new FieldError(name, "must be a port number from " + MIN_PORT + " to " + MAX_PORT));
        }
      }
      case GRAPH_API_VERSION -> {
        String v = trimmed(c, f);
        if (v == null || !GRAPH_VERSION.matcher(v).matches()) {
          errors.add(new FieldError(name, "must look like v23.0"));
        }
      }
      case LLM_BACKEND -> {
        String v = trimmed(c, f);
        if (v == null || !BACKEND.matcher(v).matches()) {
          errors.add(new FieldError(name, "must be 'vllm', 'gemini' or 'cloud:{provider_id}'"));
        }
      }
      case LLM_PARAMS -> checkLlmParams(c, errors);
      case LLM_FALLBACK -> {
        String v = trimmed(c, f);
        if (v != null && v.startsWith("cloud:")) {
          v = v.substring("cloud:".length());
          c.set(f, v);
        }
        if (v == null || v.isEmpty()) {
          c.set(f, null);
        } else if (!PROVIDER_ID.matcher(v).matches()) {
          errors.add(new FieldError(name, "must be a provider id (see /admin/llm/providers) or null"));
        }
      }
      case LANGUAGE -> {
        String v = trimmed(c, f);
        if (v == null || !LANGUAGES.contains(v)) {
          errors.add(new FieldError(name, "must be 'ru' or 'en'"));
        }
      }
      case TTS_ENGINE -> {
        String v = trimmed(c, f);
        if (v == null || !TTS_ENGINES.contains(v)) {
          errors.add(new FieldError(name, "must be one of espeak, openvoice, piper, xtts"));
        }
      }
      case TTS_VOICE -> {
        String v = trimmed(c, f);
        if (v == null || !VOICE.matcher(v).matches()) {
          errors.add(new FieldError(name, "must be a voice id such as 'anna' or 'marina'"));
        }
      }
      case TTS_PRESET -> {
        String v = trimmed(c, f);
        if (v != null && !v.isEmpty() && !TTS_PRESETS.contains(v)) {
          errors.add(new FieldError(name, "must be one of bright, calm, fast (or empty for the engine's default)"));
        }
        if (v != null && v.isEmpty()) {
          c.set(f, null);
        }
      }
      case STT_ENGINE -> {
        String v = trimmed(c, f);
        if (v == null || !(v.equals("openai-compatible") || v.equals("gemini") || BACKEND.matcher(v).matches()
            && v.startsWith("cloud:"))) {
          errors.add(new FieldError(name, "must be 'openai-compatible', 'gemini' or 'cloud:{provider_id}'"));
        }
      }
      case STT_LANGUAGE -> {
        String v = trimmed(c, f);
        if (v == null || v.isEmpty()) {
          c.set(f, null);
        } else if (!v.matches("[a-z]{2}")) {
          errors.add(new FieldError(name, "must be an ISO-639-1 code such as 'ru' or 'en' (or null for the bot's language)"));
        }
      }
      case STT_MAX_SECONDS -> range(name, c.integer(f), 5, 900, errors);
      case ALLOWED_PHONES, BLOCKED_PHONES -> checkPhones(f, c, errors);
      case RATE_LIMIT_COUNT -> range(name, c.integer(f), 1, MAX_RATE_COUNT, errors);
      case RATE_LIMIT_HOURS -> range(name, c.integer(f), 1, MAX_RATE_HOURS, errors);
      case HANDBACK_AFTER_HOURS -> range(name, c.integer(f), 1, MAX_HANDBACK_HOURS, errors);
      case MESSAGE_RETENTION_DAYS -> range(name, c.integer(f), 1, MAX_RETENTION_DAYS, errors);
    }
  }

  /** A phone number as bare E.164 digits, or {@code null} when it is not one. */
  public static String phoneDigits(String text) {
    if (text == null) {
      return null;
    }
    String v = PHONE_NOISE.matcher(text.trim()).replaceAll("");
    if (v.startsWith("+")) {
      v = v.substring(1);
    }
    return E164_DIGITS.matcher(v).matches() ? v : null;
  }

  private static void checkPhones(InstanceField f, InstanceChanges c, List<FieldError> errors) {
    List<String> phones = c.list(f);
    if (phones == null) {
      c.set(f, List.of());
      return;
    }
    if (phones.size() > MAX_PHONES) {
      errors.add(new FieldError(f.json(), "must hold at most " + MAX_PHONES + " numbers"));
      return;
    }
    LinkedHashSet<String> clean = new LinkedHashSet<>();
    for (int i = 0; i < phones.size(); i++) {
      String digits = phoneDigits(phones.get(i));
      if (digits == null) {
        errors.add(new FieldError(f.json() + "[" + i + "]",
            "'" + phones.get(i) + "' is not a phone number in E.164 form (7-15 digits, country code first)"));
      } else {
        clean.add(digits);
      }
    }
    c.set(f, List.copyOf(clean));
  }

  private static void checkLlmParams(InstanceChanges c, List<FieldError> errors) {
    Map<String, Object> params = c.object(InstanceField.LLM_PARAMS);
    if (params == null) {
      c.set(InstanceField.LLM_PARAMS, LlmParams.DEFAULTS);
      return;
    }
    Double temperature = null;
    Integer maxTokens = null;
    Double topP = null;
    int before = errors.size();
    for (var e : params.entrySet()) {
      String key = "llm_params." + e.getKey();
      Object v = e.getValue();
      switch (e.getKey()) {
        case "temperature" -> temperature = decimal(key, v, 0, 2, errors);
        case "top_p" -> topP = decimal(key, v, 0, 1, errors);
        case "max_tokens" -> {
          if (v instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0) {
            long t = n.longValue();
            if (t < 1 || t > 32768) {
              errors.add(new FieldError(key, "must be from 1 to 32768"));
            } else {
              maxTokens = (int) t;
            }
          } else if (v != null) {
            errors.add(new FieldError(key, "must be a whole number"));
          }
        }
        default -> errors.add(new FieldError(key, "unknown parameter; allowed: max_tokens, temperature, top_p"));
      }
    }
    if (errors.size() == before) {
      c.set(InstanceField.LLM_PARAMS, new LlmParams(temperature, maxTokens, topP));
    }
  }

  private static Double decimal(String key, Object v, double min, double max, List<FieldError> errors) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      errors.add(new FieldError(key, "must be a number"));
      return null;
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d < min || d > max) {
      errors.add(new FieldError(key, "must be from " + fmt(min) + " to " + fmt(max)));
      return null;
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static void range(String name, Long v, long min, long max, List<FieldError> errors) {
    if (v == null || v < min || v > max) {
      errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
    }
  }

  private static void maxLength(String name, String v, int max, List<FieldError> errors) {
    if (v != null && v.codePointCount(0, v.length()) > max) {
      errors.add(new FieldError(name, "must be at most " + max + " characters"));
    }
  }

  private static String trimmed(InstanceChanges c, InstanceField f) {
    String v = c.text(f);
    if (v == null) {
      return null;
    }
    String t = v.strip();
    c.set(f, t);
    return t;
  }
}
