package dev.wabots.admin.rest;

import dev.wabots.conversations.boundary.ConversationPage;
import dev.wabots.conversations.boundary.ConversationView;
import dev.wabots.conversations.boundary.Conversations;
import dev.wabots.conversations.boundary.MessageView;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Conversations of the caller's bots: the list, a thread, and what a person does in it. */
@Path("admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ConversationsResource {

  static final Set<String> REPLY_FIELDS = Set.of("text", "template");
  static final Set<String> TEMPLATE_FIELDS = Set.of("name", "language", "parameters");

  @Inject Conversations conversations;

  @GET
  @Operation(summary = "Conversations, newest activity first (filters: bot, state, q; page from 0, size 1-200)")
  public ConversationPage list(@QueryParam("bot") String bot, @QueryParam("state") String state,
      @QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size) {
    return conversations.list(bot, state, q, whole("page", page, 0), whole("size", size, 50));
  }

  @GET
  @Path("delivery-lag")
  @Operation(summary = "Admins: how long conversation events took from the bots to here (count, p50/p90/p99/max ms);"
      + " ?reset=true starts counting again")
  public dev.wabots.conversations.control.DeliveryLag.Figures deliveryLag(@QueryParam("reset") String reset) {
    return conversations.deliveryLag("true".equals(reset));
  }

  @GET
  @Path("{bot}/{phone}")
  @Operation(summary = "One conversation")
  public Map<String, ConversationView> get(@PathParam("bot") String bot, @PathParam("phone") String phone) {
    return Map.of("conversation", conversations.get(bot, phone));
  }

  @GET
  @Path("{bot}/{phone}/media/{wamid}")
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "A file the customer sent (photo, voice note, document), fetched from the bot that keeps it")
  public Response media(@PathParam("bot") String bot, @PathParam("phone") String phone,
      @PathParam("wamid") String wamid) {
    Conversations.MediaFile file = conversations.media(bot, phone, wamid);
    String name = file.filename() == null ? "file" : file.filename().replaceAll("[\\r\\n\"\\\\]", "_");
    // The type comes from the bot: only what WhatsApp carries is served as such, never markup.
    String type = dev.wabots.whatsapp.MediaLimits.baseType(file.contentType());
    boolean known = java.util.Arrays.stream(dev.wabots.whatsapp.MessageContent.MediaKind.values())
        .anyMatch(k -> dev.wabots.whatsapp.MediaLimits.types(k).contains(type));
    return Response.ok(file.data(), known ? type : MediaType.APPLICATION_OCTET_STREAM)
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .header("Content-Disposition", (known ? "inline" : "attachment") + "; filename*=UTF-8''"
            + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }

  @GET
  @Path("{bot}/{phone}/messages")
  @Operation(summary = "The thread after message `after` (0: from the start), oldest first, at most 1000")
  public Map<String, List<MessageView>> messages(@PathParam("bot") String bot, @PathParam("phone") String phone,
      @QueryParam("after") String after) {
    return Map.of("messages", conversations.messages(bot, phone, whole("after", after, 0)));
  }

  @POST
  @Path("{bot}/{phone}/takeover")
  @Operation(summary = "Take the conversation over: the bot stops answering this customer")
  public Map<String, String> takeOver(@PathParam("bot") String bot, @PathParam("phone") String phone) {
    return Map.of("status", "with_person", "message", conversations.takeOver(bot, phone));
  }

  @POST
  @Path("{bot}/{phone}/handback")
  @Operation(summary = "Hand the conversation back to the bot (it greets the customer with the menu)")
  public Map<String, String> handBack(@PathParam("bot") String bot, @PathParam("phone") String phone) {
    return Map.of("status", "bot", "message", conversations.handBack(bot, phone));
  }

  @POST
  @Path("{bot}/{phone}/reply")
  @Operation(summary = "Reply as a person: {\"text\"} inside the 24-hour window (409 with the reason outside it),"
      + " or {\"template\":{\"name\",\"language\",\"parameters\"}} any time")
  public Response reply(@PathParam("bot") String bot, @PathParam("phone") String phone, String body) {
    JsonObject json = object(body);
    List<FieldError> errors = new ArrayList<>();
    json.keySet().stream().filter(k -> !REPLY_FIELDS.contains(k)).sorted()
        .forEach(k -> errors.add(new FieldError(k, "unknown field; allowed: template, text")));
    boolean hasText = json.containsKey("text") && json.get("text") != JsonValue.NULL;
    boolean hasTemplate = json.containsKey("template") && json.get("template") != JsonValue.NULL;
    if (hasText == hasTemplate) {
      errors.add(new FieldError("text", "give either text or template"));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String message;
    if (hasText) {
      if (!(json.get("text") instanceof JsonString text)) {
        throw Invalid.of("text", "must be a string");
      }
      message = conversations.reply(bot, phone, text.getString());
    } else {
      if (!(json.get("template") instanceof JsonObject t)) {
        throw Invalid.of("template", "must be an object {\"name\",\"language\",\"parameters\"}");
      }
      t.keySet().stream().filter(k -> !TEMPLATE_FIELDS.contains(k)).sorted()
          .forEach(k -> errors.add(new FieldError("template." + k, "unknown field; allowed: language, name, parameters")));
      String name = t.get("name") instanceof JsonString s ? s.getString() : null;
      String language = t.get("language") instanceof JsonString s ? s.getString() : null;
      List<String> parameters = new ArrayList<>();
      JsonValue p = t.get("parameters");
      if (p instanceof JsonArray a) {
        for (int i = 0; i < a.size(); i++) {
          if (a.get(i) instanceof JsonString s) {
            parameters.add(s.getString());
          } else {
            errors.add(new FieldError("template.parameters[" + i + "]", "must be a string"));
          }
        }
      } else if (p != null && p != JsonValue.NULL) {
        errors.add(new FieldError("template.parameters", "must be an array of strings"));
      }
      if (!errors.isEmpty()) {
        throw new Invalid(errors);
      }
      message = conversations.sendTemplate(bot, phone, name, language, parameters);
    }
    return Response.accepted(Map.of("status", "queued", "message", message)).build();
  }

  @DELETE
  @Path("{bot}/{phone}")
  @Operation(summary = "Erase the customer: their messages and funnel data, in the bot and here")
  public Map<String, String> erase(@PathParam("bot") String bot, @PathParam("phone") String phone) {
    conversations.erase(bot, phone);
    return Map.of("status", "erased");
  }

  private static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw Invalid.of("body", "a JSON object is required");
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonValue v = reader.readValue();
      if (!(v instanceof JsonObject o)) {
        throw Invalid.of("body", "must be a JSON object");
      }
      return o;
    } catch (JsonException e) {
      throw Invalid.of("body", "malformed JSON: " + e.getMessage());
    }
  }

  /** A whole number ≥ 0; absent → {@code fallback}. */
  static int whole(String name, String text, int fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw Invalid.of(name, "must be from 0 to " + Integer.MAX_VALUE);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw Invalid.of(name, "must be a whole number, not '" + text + "'");
    }
  }
}
