package dev.wabots.admin.rest;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.boundary.BotStatus;
import dev.wabots.processes.boundary.StartResult;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** WhatsApp bot instances, as in the seed's "API эндпоинты". */
@Path("admin/whatsapp/instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class InstancesResource {

  @Inject Instances instances;

  @Inject BotProcesses processes;

  @Inject dev.wabots.instances.boundary.BotConfigurations configurations;

  @Inject dev.wabots.funnels.boundary.Funnels funnels;

  @Inject dev.wabots.funnels.boundary.Profiles profiles;

  @Inject JsonWebToken jwt;

  @Inject dev.wabots.llm.boundary.Chat chat;

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
  public Map<String, Object> get(@PathParam("id") String id, @QueryParam("include_token") String includeToken) {
    if ("true".equals(includeToken) && jwt != null && jwt.getGroups() != null && jwt.getGroups().contains("bot")) {
      // The seed's include_token: secrets, but only for that bot's own process token.
      return Map.of("instance", configurations.forCallingBot(id));
    }
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
  @Operation(summary = "Start the bot's process (sets auto_start)")
  public StartResult start(@PathParam("id") String id) {
    return processes.start(id);
  }

  @POST
  @Path("{id}/stop")
  @Operation(summary = "Stop the bot's process: SIGTERM, 5 s, SIGKILL (clears auto_start)")
  public Map<String, String> stop(@PathParam("id") String id) {
    return Map.of("status", processes.stop(id));
  }

  @POST
  @Path("{id}/restart")
  @Operation(summary = "Stop and start the bot's process (auto_start unchanged)")
  public StartResult restart(@PathParam("id") String id) {
    return processes.restart(id);
  }

  @GET
  @Path("{id}/status")
  @Operation(summary = "The bot process's status")
  public BotStatus status(@PathParam("id") String id) {
    return processes.status(id);
  }

  @GET
  @Path("{id}/ai/circuits")
  @Operation(summary = "The circuit breakers of the bot's AI backend and fallback")
  public Map<String, List<dev.wabots.llm.boundary.CircuitView>> circuits(@PathParam("id") String id) {
    return Map.of("circuits", chat.circuits(id));
  }

  @GET
  @Path("{id}/logs")
  @Operation(summary = "The last N lines of the bot's log, oldest first (default 100, at most 5000)")
  public Map<String, List<String>> logs(@PathParam("id") String id, @QueryParam("lines") String lines) {
    int n = QueryNumbers.positive("lines", lines, 100, 5000);
    return Map.of("logs", processes.logs(id, n));
  }

  @GET
  @Path("{id}/funnel/report")
  @Operation(summary = "Funnel conversion per step over the last N days (default 7, at most 366)")
  public Response funnelReport(@PathParam("id") String id, @QueryParam("days") String days) {
    int n = QueryNumbers.positive("days", days, 7, dev.wabots.funnels.boundary.Funnels.MAX_DAYS);
    return Response.ok(funnels.report(id, n).toJson(), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("{id}/funnel/definition")
  @Operation(summary = "The funnel definition in effect (the bot's own or its language's default) and its problems")
  public Map<String, dev.wabots.funnels.boundary.FunnelDefinitionView> funnelDefinition(@PathParam("id") String id) {
    return Map.of("funnel", funnels.definition(id));
  }

  @PUT
  @Path("{id}/funnel/definition")
  @Operation(summary = "Give the bot its own funnel definition (validated; a running bot takes it at once)")
  public Map<String, Object> overrideFunnel(@PathParam("id") String id, String body) {
    var view = funnels.override(id, body);
    return applied("funnel", view, profiles.applyToRunningBot(id));
  }

  @DELETE
  @Path("{id}/funnel/definition")
  @Operation(summary = "Back to the default funnel of the bot's language (a running bot takes it at once)")
  public Map<String, Object> resetFunnel(@PathParam("id") String id) {
    var view = funnels.reset(id);
    return applied("funnel", view, profiles.applyToRunningBot(id));
  }

  @GET
  @Path("{id}/profile")
  @Operation(summary = "The bot's business profile: its own fields, the effective ones (with the definition's"
      + " defaults), the placeholders still to replace, the prices it quotes; the secret masked")
  public Map<String, dev.wabots.funnels.boundary.ProfileView> profile(@PathParam("id") String id) {
    return Map.of("profile", profiles.get(id));
  }

  @PUT
  @Path("{id}/profile")
  @Operation(summary = "Change the business profile: absent fields kept, every bad field named; the secret"
      + " write-only (\"\" clears it); a running bot takes it at once")
  public Map<String, dev.wabots.funnels.boundary.ProfileView> changeProfile(@PathParam("id") String id, String body) {
    var view = profiles.put(id, body);
    return Map.of("profile", view.withApplied(profiles.applyToRunningBot(id)));
  }

  private static Map<String, Object> applied(String key, Object view, String applied) {
    Map<String, Object> answer = new java.util.LinkedHashMap<>();
    answer.put(key, view);
    answer.put("applied", applied);
    return answer;
  }
}
