package dev.wabots.admin.rest;

import dev.wabots.payments.boundary.PaymentView;
import dev.wabots.payments.boundary.Payments;
import dev.wabots.platform.Invalid;
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

/** {@code GET /admin/payments}: the payment notifications that arrived, matched or not. */
@Path("admin/payments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PaymentsAdminResource {

  @Inject Payments payments;

  @GET
  @Operation(summary = "Received payments, newest first: matched=true|false; admins see unmatched ones too")
  public Map<String, List<PaymentView>> list(@QueryParam("matched") String matched, @QueryParam("page") String page,
      @QueryParam("size") String size) {
    Boolean which = null;
    if (matched != null && !matched.isBlank()) {
      if (!matched.equals("true") && !matched.equals("false")) {
        throw Invalid.of("matched", "must be true or false");
      }
      which = Boolean.valueOf(matched);
    }
    return Map.of("payments", payments.list(which, ConversationsResource.whole("page", page, 0),
        ConversationsResource.whole("size", size, 50)));
  }
}
