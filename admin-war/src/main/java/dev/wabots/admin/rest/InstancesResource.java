package dev.wabots.admin.rest;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.platform.NotImplemented;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** WhatsApp bot instances, as in the seed's "API эндпоинты". */
@Path("admin/whatsapp/instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class InstancesResource {

  @Inject Instances instances;

  @GET
  @Operation(summary = "All bots the caller may see")
  public Map<String, List<InstanceView>> list() {
    return Map.of("instances", instances.list());
  }

  @POST
  @Operation(summary = "Create a bot; its id is a slug of the name")
  public Response create(String body) {
    InstanceView created = instances.create(JsonBody.parse(body, false).instanceChanges());
    return Response.status(201).entity(Map.of("instance", created)).build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One bot's configuration (secrets masked)")
  public Map<String, InstanceView> get(@PathParam("id") String id, @QueryParam("include_token") String includeToken) {
    // include_token is honoured only for the bot's own process token (internal API); people get masks.
    return Map.of("instance", instances.get(id));
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Change a bot: absent fields are kept, \"\" clears a secret")
  public Map<String, InstanceView> update(@PathParam("id") String id, String body) {
    return Map.of("instance", instances.update(id, JsonBody.parse(body, false).instanceChanges()));
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a bot (its funnel data file stays)")
  public Response delete(@PathParam("id") String id) {
    instances.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/start")
  @Operation(summary = "Start the bot's process")
  public Response start(@PathParam("id") String id) {
    instances.checkWritable(id);
    throw new NotImplemented("process supervision is not available yet");
  }

  @POST
  @Path("{id}/stop")
  @Operation(summary = "Stop the bot's process")
  public Response stop(@PathParam("id") String id) {
    instances.checkWritable(id);
    throw new NotImplemented("process supervision is not available yet");
  }

  @POST
  @Path("{id}/restart")
  @Operation(summary = "Restart the bot's process")
  public Response restart(@PathParam("id") String id) {
    instances.checkWritable(id);
    throw new NotImplemented("process supervision is not available yet");
  }

  @GET
  @Path("{id}/status")
  @Operation(summary = "The bot process's status")
  public Response status(@PathParam("id") String id) {
    instances.checkVisible(id);
    throw new NotImplemented("process supervision is not available yet");
  }

  @GET
  @Path("{id}/logs")
  @Operation(summary = "The last N lines of the bot's log (default 100, at most 5000)")
  public Response logs(@PathParam("id") String id, @QueryParam("lines") String lines) {
    instances.checkVisible(id);
    QueryNumbers.positive("lines", lines, 100, 5000);
    throw new NotImplemented("process supervision is not available yet");
  }
}
