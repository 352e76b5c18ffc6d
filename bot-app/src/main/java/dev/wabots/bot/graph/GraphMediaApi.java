package dev.wabots.bot.graph;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /{version}/{media-id}}: where a customer's file can be downloaded (for 5 minutes). */
@Path("/{version}/{mediaId}")
public interface GraphMediaApi {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  Response info(
      @PathParam("version") String version,
      @PathParam("mediaId") String mediaId,
      @HeaderParam("Authorization") String authorization);
}
