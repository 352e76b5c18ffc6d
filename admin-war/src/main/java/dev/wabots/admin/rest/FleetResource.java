package dev.wabots.admin.rest;

import dev.wabots.metrics.boundary.FleetHealth;
import dev.wabots.metrics.boundary.FleetMemory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The fleet as a whole. */
@Path("admin/fleet")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class FleetResource {

  @Inject FleetHealth health;

  @Inject FleetMemory memory;

  @GET
  @Path("troubles")
  @Operation(summary = "Why visible bots need attention: crash_loop, token_refused, ai_failing, no_webhook")
  public Map<String, List<FleetHealth.BotTrouble>> troubles() {
    return Map.of("troubles", health.visible());
  }

  @GET
  @Path("memory")
  @Operation(summary = "Memory of the running bots the caller may see: RSS and PSS (shared pages counted once) of each "
      + "and together, the pre-started spare's PSS, and the machine's same-page merging (KSM: state, MB saved, full scans)")
  public FleetMemory.Report memory() {
    return memory.visible();
  }
}
