package dev.wabots.admin.rest;

import dev.wabots.sandbox.boundary.Sandbox;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sandbox's stand-in for {@code graph.facebook.com}: what sandbox bots call instead of Meta.
 * Authenticated like Meta, by the bot's access token (not by the orchestrator's JWTs).
 */
@Path("sandbox")
@Tag(name = "Cloud API sandbox (Graph stand-in)")
public class SandboxGraphResource {

  static final int MAX_UPLOAD = 17 * 1024 * 1024;

  @Inject Sandbox sandbox;

  @Context UriInfo uri;

  @POST
  @Path("graph/{version}/{phoneNumberId}/messages")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a message / mark as read, validated against Meta's schema and limits")
  public Response send(@PathParam("phoneNumberId") String phoneNumberId,
      @HeaderParam("Authorization") String authorization, String body) {
    return answer(sandbox.send(phoneNumberId, authorization, body));
  }

  @POST
  @Path("graph/{version}/{phoneNumberId}/media")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Upload media (multipart: messaging_product, file, type)")
  public Response upload(@PathParam("phoneNumberId") String phoneNumberId,
      @HeaderParam("Authorization") String authorization, List<EntityPart> parts) throws IOException {
    String product = null;
    String type = null;
    byte[] file = null;
    for (EntityPart part : parts) {
      switch (part.getName()) {
        case "messaging_product" -> product = part.getContent(String.class);
        case "type" -> type = part.getContent(String.class);
        case "file" -> {
          try (InputStream in = part.getContent()) {
            file = in.readNBytes(MAX_UPLOAD);
          }
          if (type == null && part.getMediaType() != null) {
            type = part.getMediaType().toString();
          }
        }
        default -> { }
      }
    }
    return answer(sandbox.upload(phoneNumberId, authorization, product, type, file));
  }

  @GET
  @Path("graph/{version}/{mediaId}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Media metadata and download URL")
  public Response media(@PathParam("mediaId") String mediaId, @HeaderParam("Authorization") String authorization) {
    return answer(sandbox.mediaInfo(mediaId, authorization, uri.getBaseUri()));
  }

  @GET
  @Path("media/{mediaId}")
  @Operation(summary = "Download media (Bearer: the bot's access token)")
  public Response download(@PathParam("mediaId") String mediaId, @HeaderParam("Authorization") String authorization) {
    Sandbox.Download d = sandbox.download(mediaId, authorization);
    return d.file() != null ? Response.ok(d.file().data(), d.file().mimeType()).build() : answer(d.error());
  }

  private static Response answer(Sandbox.GraphAnswer a) {
    return Response.status(a.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(a.body()).build();
  }
}
