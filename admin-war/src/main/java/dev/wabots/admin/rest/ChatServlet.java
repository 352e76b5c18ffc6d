package dev.wabots.admin.rest;

import dev.wabots.llm.boundary.Chat;
import dev.wabots.llm.boundary.ChatReply;
import dev.wabots.llm.boundary.LlmUnavailable;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A bot's AI, for bot processes only: {@code POST /internal/chat} with {@code {"phone","messages":
 * [{"role","content"}…]}} → {@code {"reply","backend","model","latency_ms",…}}. When every backend
 * fails: 502 (504 when all timed out) with the classification and each attempt.
 *
 * <p>A servlet, not a JAX-RS resource (see {@link BotPostServlet}): every AI answer of the fleet
 * passes here, and Jersey's routing, entity providers and per-request injection were a quarter of
 * the orchestrator's CPU on this call (BENCHMARKS.md, chat overhead).
 */
@WebServlet("/internal/chat")
public class ChatServlet extends BotPostServlet {

  /** Looked up once: each {@code Json.create…} call would search the class path for a provider. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final Set<String> FIELDS = Set.of("phone", "messages");
  static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "image");

  @Inject transient Chat chat;

  public ChatServlet() {
    super("a conversation");
  }

  @Override
  Response answer(HttpServletRequest req) throws IOException {
    return Response.ok(json(reply(req))).build();
  }

  /** The model's answer to the body's conversation; {@link Invalid} names every field that is wrong. */
  private ChatReply reply(HttpServletRequest req) throws IOException {
    String body = text(req);
    JsonBody envelope = JsonBody.parse(body, false, JsonBody.MAX_CHAT_CHARS).only(FIELDS);
    String phone = envelope.text("phone");
    List<FieldError> errors = new ArrayList<>();
    try {
      envelope.done();
    } catch (Invalid e) {
      errors.addAll(e.fields());
    }
    List<ChatMessage> messages = messages(envelope.value("messages"), errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return chat.reply(phone, messages);
  }

  /** The body as text, read up to one character past the API's limit (which {@link JsonBody} refuses). */
  private static String text(HttpServletRequest req) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Reader in = new InputStreamReader(req.getInputStream(), charset(req.getCharacterEncoding()))) {
      char[] buffer = new char[8192];
      for (int n; (n = in.read(buffer)) > 0 && out.length() <= JsonBody.MAX_CHAT_CHARS; ) {
        out.append(buffer, 0, n);
      }
    }
    return out.toString();
  }

  static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) { // unknown or malformed: the sender's mistake, not ours
      throw Invalid.of("body", "charset '" + name + "' is not supported; send UTF-8");
    }
  }

  /** The {@code messages} array with its JSON types checked; the rules themselves are the domain's. */
  static List<ChatMessage> messages(JsonValue value, List<FieldError> errors) {
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("messages", "must be an array of {\"role\",\"content\"} objects"));
      return List.of();
    }
    List<ChatMessage> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "messages[" + i + "]";
      if (!(array.get(i) instanceof JsonObject m)) {
        errors.add(new FieldError(at, "must be an object {\"role\",\"content\"}"));
        continue;
      }
      m.keySet().stream().filter(k -> !MESSAGE_FIELDS.contains(k)).sorted()
          .forEach(k -> errors.add(new FieldError(at + "." + k, "unknown field; allowed: content, image, role")));
      out.add(new ChatMessage(string(m, "role", at, errors), string(m, "content", at, errors), image(m, at, errors)));
    }
    return out;
  }

  /** Photo types the AI backends take, and Meta's limit for images. */
  static final java.util.Set<String> IMAGE_TYPES = java.util.Set.of("image/jpeg", "image/png", "image/webp");
  static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

  /** A photo with a user turn: {@code {"mime_type","data_base64"}}, or null. */
  private static ChatMessage.Image image(JsonObject m, String at, List<FieldError> errors) {
    JsonValue v = m.get("image");
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonObject image) || !(image.get("mime_type") instanceof JsonString type)
        || !(image.get("data_base64") instanceof JsonString data)) {
      errors.add(new FieldError(at + ".image", "must be {\"mime_type\",\"data_base64\"}"));
      return null;
    }
    if (!IMAGE_TYPES.contains(type.getString())) {
      errors.add(new FieldError(at + ".image.mime_type", "must be one of image/jpeg, image/png, image/webp"));
      return null;
    }
    try {
      if (java.util.Base64.getDecoder().decode(data.getString()).length > MAX_IMAGE_BYTES) {
        errors.add(new FieldError(at + ".image.data_base64", "the image is larger than " + MAX_IMAGE_BYTES + " bytes"));
        return null;
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(at + ".image.data_base64", "is not base64"));
      return null;
    }
    return new ChatMessage.Image(type.getString(), data.getString());
  }

  private static String string(JsonObject m, String name, String at, List<FieldError> errors) {
    JsonValue v = m.get(name);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    errors.add(new FieldError(at + "." + name, v == null || v == JsonValue.NULL ? "is required" : "must be a string"));
    return null;
  }

  /** The answer in the API's snake_case names, nulls shown (as JSON-B writes the other resources). */
  static String json(ChatReply r) {
    StringWriter out = new StringWriter(256 + (r.reply() == null ? 0 : r.reply().length()));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      text(g, "reply", r.reply());
      text(g, "backend", r.backend());
      text(g, "model", r.model());
      g.write("latency_ms", r.latencyMs());
      number(g, "prompt_tokens", r.promptTokens());
      number(g, "completion_tokens", r.completionTokens());
      g.write("fallback_used", r.fallbackUsed());
      g.writeEnd();
    }
    return out.toString();
  }

  private static void text(JsonGenerator g, String name, String value) {
    if (value == null) {
      g.writeNull(name);
    } else {
      g.write(name, value);
    }
  }

  private static void number(JsonGenerator g, String name, Integer value) {
    if (value == null) {
      g.writeNull(name);
    } else {
      g.write(name, value);
    }
  }

  /** What the JAX-RS mappers would answer for this exception: one error body for the whole API. */
  @Override
  Response refusal(Exception e, HttpServletRequest req) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LlmUnavailable unavailable) {
        return new LlmUnavailableMapper().toResponse(unavailable);
      }
    }
    return UnexpectedExceptionMapper.map(e, req);
  }
}
