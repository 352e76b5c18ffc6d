package dev.wabots.admin.rest;

import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.ContractJson;
import dev.wabots.instances.boundary.BotConfigurations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The API bot processes call with their own per-process token. The calls of every message
 * ({@code /internal/chat}, {@code /internal/events}) are servlets ({@link BotPostServlet}).
 */
@ApplicationScoped
@Path("internal")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class InternalResource {

  @Inject BotConfigurations configurations;

  @Inject dev.wabots.metrics.boundary.FleetMetrics metrics;

  @Inject dev.wabots.funnels.boundary.Funnels funnels;

  @GET
  @Path("config")
  @Operation(summary = "The calling bot's configuration, secrets included (bot token of the running process only)")
  public String config() {
    return ContractJson.write(new BotConfiguration.Answer(configurations.forCallingBot(null)));
  }

  @GET
  @Path("funnel")
  @Operation(summary = "The calling bot's funnel definition with its business profile (204: use the default of its language)")
  public jakarta.ws.rs.core.Response funnel() {
    return funnels.definitionForCallingBot()
        .map(json -> jakarta.ws.rs.core.Response.ok(json, MediaType.APPLICATION_JSON).build())
        .orElseGet(() -> jakarta.ws.rs.core.Response.noContent().build());
  }

  @jakarta.ws.rs.POST
  @Path("metrics")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The calling bot's counters (BotMetrics), served labelled with the bot from /metrics")
  public jakarta.ws.rs.core.Response metrics(String body) {
    metrics.accept(body);
    return jakarta.ws.rs.core.Response.noContent().build();
  }
}
