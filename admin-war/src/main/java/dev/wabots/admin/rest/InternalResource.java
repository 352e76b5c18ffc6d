package dev.wabots.admin.rest;

import dev.wabots.processes.boundary.BotConfig;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The API bot processes call with their own per-process token. */
@ApplicationScoped
@Path("internal")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class InternalResource {

  @Inject BotProcesses processes;

  @Inject dev.wabots.funnels.boundary.Funnels funnels;

  @GET
  @Path("config")
  @Operation(summary = "The calling bot's configuration, secrets included (bot token of the running process only)")
  public Map<String, BotConfig> config() {
    return Map.of("instance", processes.configForCallingBot(null));
  }

  @GET
  @Path("funnel")
  @Operation(summary = "The calling bot's own funnel definition (204: use the default of its language)")
  public jakarta.ws.rs.core.Response funnel() {
    return funnels.overrideForCallingBot()
        .map(json -> jakarta.ws.rs.core.Response.ok(json, MediaType.APPLICATION_JSON).build())
        .orElseGet(() -> jakarta.ws.rs.core.Response.noContent().build());
  }
}
