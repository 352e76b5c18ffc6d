package dev.wabots.admin.rest;

import dev.wabots.llm.boundary.Chat;
import dev.wabots.llm.boundary.ChatReply;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A bot's AI, for bot processes only: {@code {"phone","messages":[{"role","content"}…]}} →
 * {@code {"reply","backend","model","latency_ms",…}}. When every backend fails: 502 (504 when all
 * timed out) with the classification and each attempt.
 */
@ApplicationScoped
@Path("internal/chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ChatResource {

  /** Looked up once: each {@code Json.create…} call would search the class path for a provider. */
  private static final JsonProvider JSON = JsonProvider.provider();

  static final Set<String> FIELDS = Set.of("phone", "messages");
  static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

  @Inject Chat chat;

  @Inject BotProcesses processes;

  @POST
  @Operation(summary = "The calling bot's AI answers a conversation (bot token of the running process only)")
  public ChatReply chat(String body) {
    processes.callingBot(); // who asks comes before what they sent: 401/403 before 400
    JsonBody envelope = JsonBody.parse(body, false).only(FIELDS);
    String phone = envelope.text("phone");
    List<FieldError> errors = new ArrayList<>();
    try {
      envelope.done();
    } catch (Invalid e) {
      errors.addAll(e.fields());
    }
    List<ChatMessage> messages = messages(body, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return chat.reply(phone, messages);
  }

  /** The {@code messages} array with its JSON types checked; the rules themselves are the domain's. */
  static List<ChatMessage> messages(String body, List<FieldError> errors) {
    JsonValue value;
    try (var reader = JSON.createReader(new StringReader(body))) {
      value = reader.readObject().get("messages");
    }
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
          .forEach(k -> errors.add(new FieldError(at + "." + k, "unknown field; allowed: content, role")));
      out.add(new ChatMessage(string(m, "role", at, errors), string(m, "content", at, errors)));
    }
    return out;
  }

  private static String string(JsonObject m, String name, String at, List<FieldError> errors) {
    JsonValue v = m.get(name);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    errors.add(new FieldError(at + "." + name, v == null || v == JsonValue.NULL ? "is required" : "must be a string"));
    return null;
  }
}
