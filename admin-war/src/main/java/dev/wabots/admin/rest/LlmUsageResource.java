package dev.wabots.admin.rest;

import dev.wabots.llm.boundary.LlmUsage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** LLM usage per bot × backend, for admins. */
@Path("admin/llm/usage")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class LlmUsageResource {

  @Inject LlmUsage usage;

  @GET
  @Operation(summary = "Calls, errors, tokens and latency (p50/p95/avg) per bot and backend over the last N days"
      + " (days 1-366, default 7; instance: one bot)")
  public LlmUsage.Summary summary(@QueryParam("days") String days, @QueryParam("instance") String instance) {
    int d = QueryNumbers.positive("days", days, 7, LlmUsage.MAX_DAYS);
    return usage.summary(d, instance == null || instance.isBlank() ? null : instance.strip());
  }
}
