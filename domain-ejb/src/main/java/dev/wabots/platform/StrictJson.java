package dev.wabots.platform;

import dev.wabots.whatsapp.Printable;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The orchestrator's one way of reading JSON that someone else wrote (request bodies, bots'
 * Graph calls, model services' answers): exactly one value, nested at most {@value #MAX_DEPTH}
 * levels, no key twice in an object, nothing after the value. Built without recursion, so no
 * input can exhaust the thread's stack (JSON-P's own reader recurses once per level and a request
 * of 10 000 {@code [} overflowed it). Every refusal says what is wrong and where.
 */
public final class StrictJson {

  /** Deeper than anything the API, the Graph API or a model service sends. */
  public static final int MAX_DEPTH = 64;

  /** Looked up once: {@code Json.create…} searches the class path on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private StrictJson() {}

  /** The one JSON value {@code text} holds. */
  public static JsonValue read(String text) {
    if (text == null || text.isBlank()) {
      throw new MalformedJson("no JSON value (the text is empty)");
    }
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      JsonValue value = value(parser);
      try {
        if (parser.hasNext()) {
          throw new MalformedJson("unexpected content after the JSON value" + at(parser.getLocation()));
        }
      } catch (JsonParsingException e) {
        throw new MalformedJson("unexpected content after the JSON value" + at(e.getLocation()));
      }
      return value;
    } catch (JsonParsingException e) {
      throw new MalformedJson("malformed JSON" + at(e.getLocation()) + ": " + e.getMessage());
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new MalformedJson("malformed JSON: " + e.getMessage());
    }
  }

  /** Bytes as UTF-8 text; a byte sequence that is not UTF-8 is refused with its offset. */
  public static String utf8(byte[] bytes) {
    checkUtf8(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Refuses bytes that are not UTF-8, naming the offset of the first bad sequence. */
  public static void checkUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw new MalformedJson("invalid UTF-8 at byte " + in.position() + " (send the body as UTF-8)");
      }
      if (result.isUnderflow()) {
        break;
      }
      out.clear();
    }
    if (decoder.flush(out.clear()).isError()) {
      throw new MalformedJson("invalid UTF-8 at byte " + in.position() + " (send the body as UTF-8)");
    }
  }

  private static JsonValue value(JsonParser parser) {
    Deque<Open> open = new ArrayDeque<>();
    JsonValue done = null;
    while (done == null) {
      if (!parser.hasNext()) {
        throw new MalformedJson("the JSON value ends too early" + at(parser.getLocation()));
      }
      JsonParser.Event event = parser.next();
      switch (event) {
        case START_OBJECT, START_ARRAY -> {
          if (open.size() >= MAX_DEPTH) {
            throw new MalformedJson("JSON nested deeper than " + MAX_DEPTH + " levels" + at(parser.getLocation()));
          }
          open.push(event == JsonParser.Event.START_OBJECT ? Open.object() : Open.array());
        }
        case KEY_NAME -> {
          Open o = open.peek();
          String key = parser.getString();
          if (!o.keys.add(key)) {
            throw new MalformedJson("duplicate key \"" + Printable.of(key, 60) + "\"" + at(parser.getLocation()));
          }
          o.key = key;
        }
        case END_OBJECT, END_ARRAY -> {
          Open closed = open.pop();
          done = add(open, closed.build());
        }
        default -> done = add(open, parser.getValue());
      }
    }
    return done;
  }

  /** Adds a finished value to the innermost open container; returns it when it is the whole document. */
  private static JsonValue add(Deque<Open> open, JsonValue value) {
    Open parent = open.peek();
    if (parent == null) {
      return value;
    }
    if (parent.object != null) {
      parent.object.add(parent.key, value);
    } else {
      parent.array.add(value);
    }
    return null;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNumber() < 0 ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  /** An object or array being read: its builder, and for objects the keys seen and the pending key. */
  private static final class Open {
    final JsonObjectBuilder object;
    final JsonArrayBuilder array;
    final Set<String> keys;
    String key;

    private Open(JsonObjectBuilder object, JsonArrayBuilder array) {
      this.object = object;
      this.array = array;
      this.keys = object == null ? Set.of() : new HashSet<>();
    }

    static Open object() {
      return new Open(JSON.createObjectBuilder(), null);
    }

    static Open array() {
      return new Open(null, JSON.createArrayBuilder());
    }

    JsonValue build() {
      return object != null ? object.build() : array.build();
    }
  }

  /** JSON someone else wrote that breaks a rule; the message says which and where. */
  public static final class MalformedJson extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedJson(String message) {
      super(message, null);
    }
  }
}
