package dev.wabots.llm.control;

import dev.wabots.platform.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** Lenient reading of upstream JSON: a missing or mistyped member is {@code null}, never an exception. */
final class JsonText {

  /**
   * The JSON-P provider, looked up once: {@code Json.createReader} and friends look it up on
   * every call, a class-path scan that cost more than the rest of a chat call together.
   */
  static final JsonProvider JSON = JsonProvider.provider();

  private JsonText() {}

  /** The text as a JSON object, or {@code null} when it is not one. */
  static JsonObject object(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonValue v = StrictJson.read(text); // a service's answer is input like any other: bounded depth
      return v instanceof JsonObject o ? o : null;
    } catch (StrictJson.MalformedJson e) {
      return null;
    }
  }

  static JsonObject object(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    return v instanceof JsonObject child ? child : null;
  }

  static JsonArray array(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    return v instanceof JsonArray a ? a : null;
  }

  static String string(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    if (v instanceof JsonNumber n) {
      return n.toString();
    }
    return null;
  }

  static Integer integer(JsonObject o, String name) {
    JsonValue v = o == null ? null : o.get(name);
    return v instanceof JsonNumber n ? n.intValue() : null;
  }

  static boolean isTrue(JsonObject o, String name) {
    return o != null && o.get(name) == JsonValue.TRUE;
  }
}
