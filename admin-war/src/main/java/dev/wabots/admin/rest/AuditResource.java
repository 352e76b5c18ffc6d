package dev.wabots.admin.rest;

import dev.wabots.audit.boundary.AuditLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The audit trail, newest first, for admins. */
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AuditResource {

  @Inject AuditLog audit;

  @GET
  @Operation(summary = "The newest audit entries (limit 1-1000, default 100)")
  public Map<String, List<AuditLog.Entry>> newest(@QueryParam("limit") String limit) {
    return Map.of("entries", audit.newest(QueryNumbers.positive("limit", limit, 100, AuditLog.MAX_LIMIT)));
  }
}
