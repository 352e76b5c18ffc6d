package dev.wabots.admin.rest;

import dev.wabots.payments.boundary.Payments;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /payments/yoomoney}: YooMoney wallet notifications (public: the only orchestrator path
 * to expose to the internet; the list is {@link PaymentsAdminResource}).
 */
@Path("payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentsResource {

  @Inject Payments payments;

  @Context HttpServletRequest request;

  @POST
  @Path("yoomoney")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
  @Operation(summary = "A YooMoney wallet's HTTP notification (form fields as YooMoney sends them, signed with"
      + " sha1_hash); 200 when taken or a duplicate, 400 naming bad fields, 403 when no bot's secret signed it")
  public Map<String, Object> yoomoney(String body) {
    Payments.Receipt receipt = payments.receive(body, request.getRemoteAddr());
    Map<String, Object> answer = new java.util.LinkedHashMap<>();
    answer.put("outcome", receipt.outcome());
    answer.put("payment", receipt.paymentId());
    answer.put("lead", receipt.leadId());
    return answer;
  }
}
