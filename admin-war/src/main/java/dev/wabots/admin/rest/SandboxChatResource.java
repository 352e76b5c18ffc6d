package dev.wabots.admin.rest;

import dev.wabots.platform.StrictJson;
import dev.wabots.sandbox.boundary.Sandbox;
import dev.wabots.sandbox.control.SandboxStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The sandbox's test chat: write to a sandbox bot as a WhatsApp user and read both directions. */
@Path("admin/sandbox/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SandboxChatResource {

  @Inject Sandbox sandbox;

  @Inject dev.wabots.conversations.boundary.Conversations conversations;

  @POST
  @Path("inbound")
  @Operation(summary = "A user writes text, taps a button/list row the bot offered, sends a file"
      + " ({\"media\":{\"type\",\"mime_type\",\"filename\",\"caption\",\"data_base64\"}}) or a location"
      + " ({\"location\":{\"latitude\",\"longitude\",\"name\",\"address\"}}): a signed webhook goes to the bot")
  public JsonObject inbound(@PathParam("id") String id, String body) {
    JsonBody json = JsonBody.parse(body, false, JsonBody.MAX_SHARED_CHARS)
        .only(Set.of("from", "text", "reply_id", "name", "media", "location"));
    String from = json.text("from");
    String text = json.text("text");
    String replyId = json.text("reply_id");
    String name = json.text("name");
    Sandbox.Delivery d;
    if (json.has("media") || json.has("location")) {
      if (text != null || replyId != null) {
        json.fail("media", "give exactly one of text, reply_id, media and location");
      }
      Sandbox.SharedMedia media = null;
      Sandbox.SharedLocation location = null;
      if (json.has("media")) {
        JsonBody m = json.object("media");
        if (m != null) {
          m.only(Set.of("type", "mime_type", "filename", "caption", "data_base64"));
          media = new Sandbox.SharedMedia(m.text("type"), m.text("mime_type"), m.text("filename"), m.text("caption"),
              m.text("data_base64"));
          m.done();
        }
      }
      if (json.has("location")) {
        JsonBody l = json.object("location");
        if (l != null) {
          l.only(Set.of("latitude", "longitude", "name", "address"));
          location = new Sandbox.SharedLocation(l.number("latitude"), l.number("longitude"), l.text("name"),
              l.text("address"));
          l.done();
        }
      }
      json.done();
      d = sandbox.inboundShared(id, from, name, new Sandbox.Shared(media, location));
    } else {
      json.done();
      d = sandbox.inbound(id, from, name, text, replyId);
    }
    return Json.createObjectBuilder().add("wamid", d.wamid()).add("webhook_status", d.webhookStatus()).build();
  }

  @GET
  @Path("conversations")
  @Operation(summary = "Phone numbers with a sandbox conversation, newest first")
  public JsonObject phones(@PathParam("id") String id) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    sandbox.phones(id).forEach(a::add);
    return Json.createObjectBuilder().add("phones", a).build();
  }

  @GET
  @Path("conversations/{phone}")
  @Operation(summary = "Both directions in order, after seq (absent or 0: from the start); a voice note the bot "
      + "transcribed carries its `transcript`")
  public JsonObject conversation(@PathParam("id") String id, @PathParam("phone") String phone,
      @QueryParam("after") String after) {
    long from = QueryNumbers.atLeast(0, "after", after, 0, Integer.MAX_VALUE);
    JsonArrayBuilder messages = Json.createArrayBuilder();
    List<SandboxStore.Entry> entries = sandbox.conversation(id, phone, from);
    Map<String, String> heard = entries.stream().anyMatch(e -> "in".equals(e.direction()) && e.payload() != null
        && e.payload().contains("\"audio\"")) ? conversations.transcripts(id, entries.get(0).phone()) : Map.of();
    for (SandboxStore.Entry e : entries) {
      JsonArrayBuilder errors = Json.createArrayBuilder();
      e.errors().forEach(errors::add);
      var m = Json.createObjectBuilder()
          .add("seq", e.seq())
          .add("direction", e.direction())
          .add("at", e.at().toString())
          .add("payload", parse(e.payload()))
          .add("valid", e.valid())
          .add("errors", errors);
      if (e.wamid() != null) {
        m.add("wamid", e.wamid());
        if ("in".equals(e.direction()) && heard.containsKey(e.wamid())) {
          m.add("transcript", heard.get(e.wamid()));
        }
      }
      if (e.status() != null) {
        m.add("status", e.status());
      }
      messages.add(m);
    }
    return Json.createObjectBuilder().add("messages", messages).build();
  }

  @DELETE
  @Path("conversations/{phone}")
  @Operation(summary = "Forget one conversation")
  public Response clearConversation(@PathParam("id") String id, @PathParam("phone") String phone) {
    sandbox.clear(id, phone);
    return Response.noContent().build();
  }

  @DELETE
  @Operation(summary = "Forget everything the sandbox saw for this bot (and queued faults)")
  public Response clear(@PathParam("id") String id) {
    sandbox.clear(id, null);
    return Response.noContent().build();
  }

  @POST
  @Path("faults")
  @Operation(summary = "Make the next sends (or, with \"on\":\"media\", media calls) fail like Meta would: {\"code\":130429,\"count\":3}")
  public JsonObject fault(@PathParam("id") String id, String body) {
    JsonBody json = JsonBody.parse(body, false).only(Set.of("code", "count", "on"));
    Long code = json.integer("code");
    Long count = json.integer("count");
    String on = json.text("on");
    json.done();
    int queued = sandbox.fault(id, code == null ? null : code.intValue(), count == null ? null : count.intValue(), on);
    return Json.createObjectBuilder().add("queued", queued).build();
  }

  @POST
  @Path("verify")
  @Operation(summary = "Play Meta's webhook verification handshake against the bot")
  public JsonObject verify(@PathParam("id") String id) {
    return Json.createObjectBuilder().add("verified", sandbox.verify(id)).build();
  }

  @GET
  @Path("media/{mediaId}")
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "Media a sandbox bot uploaded (voice notes), for the test chat")
  public Response media(@PathParam("id") String id, @PathParam("mediaId") String mediaId) {
    return sandbox.downloadFor(id, mediaId)
        .map(f -> Response.ok(f.data(), f.mimeType()).build())
        .orElseThrow(() -> new dev.wabots.platform.NotFound("media", mediaId));
  }

  private static JsonValue parse(String json) {
    try {
      return StrictJson.read(json);
    } catch (StrictJson.MalformedJson e) {
      return Json.createValue(json);
    }
  }
}
