package dev.wabots.admin.rest;

import dev.wabots.notifications.boundary.ChannelInput;
import dev.wabots.notifications.boundary.ChannelView;
import dev.wabots.notifications.boundary.Notifications;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * A bot's notification channels: {@code {"type":"telegram|email|webhook","name","enabled","events":[…]}}
 * with the type's settings — Telegram {@code bot_token}, {@code chat_id}; e-mail {@code host},
 * {@code port}, {@code security} (starttls|ssl|none), {@code username}, {@code password}, {@code
 * from}, {@code to:[…]}; webhook {@code url}, {@code secret}. Secrets are write-only and masked.
 */
@Path("admin/whatsapp/instances/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class NotificationsResource {

  static final Set<String> FIELDS = Set.of("type", "name", "enabled", "events", "bot_token", "chat_id", "host", "port",
      "security", "username", "password", "from", "to", "url", "secret");

  @Inject Notifications notifications;

  @GET
  @Operation(summary = "The bot's notification channels, their events and delivery state (secrets masked)")
  public Map<String, List<ChannelView>> list(@PathParam("id") String id) {
    return Map.of("channels", notifications.list(id));
  }

  @POST
  @Operation(summary = "Add a channel (Telegram, e-mail or an outgoing webhook)")
  public Response create(@PathParam("id") String id, String body) {
    return Response.status(201).entity(Map.of("channel", notifications.create(id, input(body)))).build();
  }

  @PUT
  @Path("{channel}")
  @Operation(summary = "Change a channel: absent fields are kept (secrets too)")
  public Map<String, ChannelView> update(@PathParam("id") String id, @PathParam("channel") String channel, String body) {
    return Map.of("channel", notifications.update(id, channel, input(body)));
  }

  @DELETE
  @Path("{channel}")
  @Operation(summary = "Delete a channel")
  public Response delete(@PathParam("id") String id, @PathParam("channel") String channel) {
    notifications.delete(id, channel);
    return Response.noContent().build();
  }

  @POST
  @Path("{channel}/test")
  @Operation(summary = "Send a test notice now; the channel's last_success_at or last_error says how it went")
  public Map<String, ChannelView> test(@PathParam("id") String id, @PathParam("channel") String channel) {
    return Map.of("channel", notifications.test(id, channel));
  }

  private static ChannelInput input(String body) {
    JsonBody json = JsonBody.parse(body, false).only(FIELDS);
    List<FieldError> errors = new ArrayList<>();
    List<String> events = texts(json.value("events"), "events", errors);
    List<String> to = texts(json.value("to"), "to", errors);
    Long port = json.integer("port");
    if (port != null && (port < 1 || port > 65535)) {
      errors.add(new FieldError("port", "must be a port number from 1 to 65535"));
    }
    ChannelInput input = new ChannelInput(json.text("type"), json.text("name"), json.bool("enabled"), events,
        json.text("bot_token"), json.text("chat_id"), json.text("host"), port == null ? null : port.intValue(),
        json.text("security"), json.text("username"), json.text("password"), json.text("from"), to, json.text("url"),
        json.text("secret"));
    try {
      json.done();
    } catch (Invalid e) {
      errors.addAll(0, e.fields());
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return input;
  }

  private static List<String> texts(JsonValue v, String name, List<FieldError> errors) {
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (!(v instanceof JsonArray a) || !a.stream().allMatch(e -> e instanceof JsonString)) {
      errors.add(new FieldError(name, "must be an array of strings"));
      return null;
    }
    return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }
}
