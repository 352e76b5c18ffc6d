package dev.wabots.admin.rest;

import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies strictly: malformed JSON (also trailing content, a key twice, nesting
 * deeper than {@value StrictJson#MAX_DEPTH}), a body that is not an object, unknown fields and
 * values of the wrong JSON type are all refused with a 400 that lists every problem.
 */
public final class JsonBody {

  static final int MAX_CHARS = 1_000_000;
  /** A bot's chat request: the history and a photo of up to 5 MB in base64. */
  static final int MAX_CHAT_CHARS = 8_000_000;
  /** A sandbox file in base64 ({@code Sandbox.MAX_SHARED_BYTES} of bytes) with its JSON around it. */
  static final int MAX_SHARED_CHARS = 34_000_000;

  private final JsonObject json;
  private final List<FieldError> errors;
  private final String prefix;

  private JsonBody(JsonObject json) {
    this(json, new ArrayList<>(), "");
  }

  /** A nested object: its problems are named {@code prefix + field} and collected with its parent's. */
  private JsonBody(JsonObject json, List<FieldError> errors, String prefix) {
    this.json = json;
    this.errors = errors;
    this.prefix = prefix;
  }

  /** Parses an object body. An empty body counts as {@code {}} only when {@code emptyOk}. */
  public static JsonBody parse(String body, boolean emptyOk) {
    return parse(body, emptyOk, MAX_CHARS);
  }

  /** Parses an object body of at most {@code maxChars} characters. */
  public static JsonBody parse(String body, boolean emptyOk, int maxChars) {
    if (body == null || body.isBlank()) {
      if (emptyOk) {
        return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
      }
      throw Invalid.of("body", "a JSON object is required");
    }
    if (body.length() > maxChars) {
      throw Invalid.of("body", "is larger than " + maxChars + " characters");
    }
    JsonValue value = read("body", body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw Invalid.of("body", "must be a JSON object, not " + value.getValueType().name().toLowerCase());
    }
    return new JsonBody(value.asJsonObject());
  }

  /**
   * JSON from a client, strictly ({@link StrictJson}: one value, no duplicate keys, bounded
   * depth); a refusal names {@code field} and the problem.
   */
  public static JsonValue read(String field, String text) {
    try {
      return StrictJson.read(text);
    } catch (StrictJson.MalformedJson e) {
      throw Invalid.of(field, e.getMessage());
    }
  }

  /** Refuses any field outside {@code allowed}. */
  public JsonBody only(Set<String> allowed) {
    for (String key : json.keySet()) {
      if (!allowed.contains(key)) {
        errors.add(new FieldError(prefix + key, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
    return this;
  }

  /** A member as it was sent (null when absent), for structures read by the caller. */
  public JsonValue value(String name) {
    return json.get(name);
  }

  public boolean has(String name) {
    return json.containsKey(name);
  }

  public String text(String name) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    errors.add(new FieldError(prefix + name, "must be a string"));
    return null;
  }

  public Boolean bool(String name) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    errors.add(new FieldError(prefix + name, "must be true or false"));
    return null;
  }

  public Long integer(String name) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral()) {
      try {
        return n.longValueExact();
      } catch (ArithmeticException tooBig) {
        errors.add(new FieldError(prefix + name, "is out of range"));
        return null;
      }
    }
    errors.add(new FieldError(prefix + name, "must be a whole number"));
    return null;
  }

  /** A nested object member (null when absent or not an object: then a problem is noted). */
  public JsonBody object(String name) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      errors.add(new FieldError(prefix + name, "must be an object"));
      return null;
    }
    return new JsonBody(v.asJsonObject(), errors, prefix + name + ".");
  }

  /** A number (null when absent). */
  public Double number(String name) {
    JsonValue v = json.get(name);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    errors.add(new FieldError(prefix + name, "must be a number"));
    return null;
  }

  /** Notes a problem of a field. */
  public void fail(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  /** Throws the collected problems, if any. */
  public void done() {
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }

  /** Reads a bot's settings: every key must be a known field of the right JSON type. */
  public InstanceChanges instanceChanges() {
    InstanceChanges changes = InstanceChanges.none();
    for (var entry : json.entrySet()) {
      String key = entry.getKey();
      JsonValue v = entry.getValue();
      var field = InstanceField.byJson(key);
      if (field.isEmpty()) {
        errors.add(new FieldError(prefix + key, "unknown field"));
        continue;
      }
      Object value = switch (field.get().type()) {
        case TEXT -> text(key);
        case BOOLEAN -> bool(key);
        case INTEGER -> integer(key);
        case OBJECT -> object(key, v);
        case TEXT_LIST -> textList(key, v);
      };
      changes.set(field.get(), value);
    }
    done();
    return changes;
  }

  private Map<String, Object> object(String name, JsonValue v) {
    if (v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      errors.add(new FieldError(name, "must be a JSON object"));
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (var e : o.entrySet()) {
      JsonValue item = e.getValue();
      Object plain = switch (item.getValueType()) {
        case NUMBER -> ((JsonNumber) item).bigDecimalValue();
        case STRING -> ((JsonString) item).getString();
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case NULL -> null;
        default -> item.toString();
      };
      map.put(e.getKey(), plain);
    }
    return map;
  }

  private List<String> textList(String name, JsonValue v) {
    if (v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonArray array)) {
      errors.add(new FieldError(name, "must be an array of strings"));
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonValue item = array.get(i);
      if (item instanceof JsonString s) {
        out.add(s.getString());
      } else if (item instanceof JsonNumber n && n.isIntegral()) {
        out.add(n.bigIntegerValue().toString());
      } else {
        errors.add(new FieldError(name + "[" + i + "]", "must be a string"));
      }
    }
    return out;
  }
}
