package dev.wabots.admin.rest;

import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.boundary.SpareStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The pre-started spare bot process that the next start takes (README, BENCHMARKS.md). */
@Path("admin/whatsapp/spare")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SpareResource {

  @Inject BotProcesses processes;

  @GET
  @Operation(summary = "The pre-started spare: enabled, state (none, booting, ready), pid, port, since")
  public SpareStatus status() {
    return processes.spare();
  }
}
