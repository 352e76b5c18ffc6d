package dev.wabots.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * The one JSON codec of the orchestrator↔bot contract. Both sides read and write these records
 * only through it, so a name cannot be spelt differently on the two sides.
 */
public final class ContractJson {

  /** Deeper JSON than this is refused (a bad peer must not exhaust the stack). */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private ContractJson() {}

  /** The record as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The record as UTF-8 JSON. */
  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * The text of {@code new EventBatch(bot, stream, events)} with each event's body put in as the
   * JSON it was stored as: the same batch for the reader, without parsing every body back to a
   * record only to write it again (the bot's event stream did both for every event).
   */
  public static String eventBatch(String bot, String stream, List<EventBatch.Stored> events) {
    java.io.StringWriter text = new java.io.StringWriter(256 + 512 * events.size());
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("bot", bot);
      g.writeStringField("stream", stream);
      g.writeArrayFieldStart("events");
      for (EventBatch.Stored e : events) {
        g.writeStartObject();
        g.writeNumberField("seq", e.seq());
        g.writeStringField("at", e.at() == null ? null : e.at().toString());
        g.writeStringField("phone", e.phone());
        g.writeFieldName("body");
        g.writeRawValue(e.body());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot write an event batch", e);
    }
    return text.toString();
  }

  /**
   * Reads a record of {@code type}.
   *
   * @throws ContractException naming what is wrong with the text
   */
  public static <T> T read(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new ContractException("empty body, expected " + type.getSimpleName());
    }
    return checked(() -> MAPPER.readValue(json, type), type);
  }

  /**
   * {@link #read(String, Class)} from UTF-8 bytes, parsed as they are: no String is decoded first
   * (a String with Russian text is UTF-16 inside, and parsing it through a reader was most of the
   * orchestrator's JSON cost for an event batch in a profile).
   *
   * @throws ContractException naming what is wrong with the bytes (also bytes that are not UTF-8)
   */
  public static <T> T read(byte[] json, Class<T> type) {
    if (json == null || blank(json)) {
      throw new ContractException("empty body, expected " + type.getSimpleName());
    }
    return checked(() -> MAPPER.readValue(json, type), type);
  }

  private interface Parse<T> {
    T run() throws java.io.IOException;
  }

  private static <T> T checked(Parse<T> parse, Class<T> type) {
    try {
      T value = parse.run();
      if (value == null) {
        throw new ContractException("null, expected " + type.getSimpleName());
      }
      return value;
    } catch (JacksonException e) {
      throw new ContractException("not a " + type.getSimpleName() + where(e) + ": " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new ContractException("cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** " at events[0].seq": where in the document a value did not fit, or nothing when that is not known. */
  static String where(JacksonException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return "";
    }
    StringBuilder at = new StringBuilder();
    for (var step : mapping.getPath()) {
      if (step.getFieldName() != null) {
        at.append(at.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        at.append('[').append(step.getIndex()).append(']');
      }
    }
    return at.isEmpty() ? "" : " at " + at;
  }

  private static boolean blank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
