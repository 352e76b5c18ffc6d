package dev.wabots.bot.graph;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The part of Meta's Graph API a bot uses ({@code https://graph.facebook.com} live, the
 * orchestrator's sandbox otherwise). Built per bot with its base URL; errors are read from the
 * {@link Response}, not thrown.
 */
@Path("/{version}/{phoneNumberId}")
public interface GraphApi {

  @POST
  @Path("/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response messages(
      @PathParam("version") String version,
      @PathParam("phoneNumberId") String phoneNumberId,
      @HeaderParam("Authorization") String authorization,
      String body);

  @POST
  @Path("/media")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  Response media(
      @PathParam("version") String version,
      @PathParam("phoneNumberId") String phoneNumberId,
      @HeaderParam("Authorization") String authorization,
      GenericEntity<List<EntityPart>> parts);
}
