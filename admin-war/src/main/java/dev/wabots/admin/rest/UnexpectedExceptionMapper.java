package dev.wabots.admin.rest;

import dev.wabots.platform.DomainException;
import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Anything else: a domain refusal wrapped by the container is unwrapped; a unique-constraint race
 * is a 409; the rest is logged with an incident id and answered 500 without details.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

  private static final Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Exception e) {
    return map(e, request);
  }

  static Response map(Exception e, HttpServletRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DomainException domain) {
        return DomainExceptionMapper.map(domain, request);
      }
      if (t instanceof WebApplicationException web) {
        return WebApplicationExceptionMapper.map(web, request);
      }
      if (t instanceof BodyLimits.TooLarge tooLarge) {
        Refusals.log(request, 413, tooLarge.getMessage());
        return Response.fromResponse(Problem.response(413, Problem.codeOf(413), tooLarge.getMessage()))
            .header("Connection", "close").build();
      }
      if (t instanceof SQLException sql && String.valueOf(sql.getMessage()).contains("UNIQUE constraint failed")) {
        return Problem.response(409, "conflict", "a concurrent change took that name or port; try again");
      }
      if (t instanceof SQLException sql && String.valueOf(sql.getMessage()).contains("SQLITE_BUSY")) {
        return Response.fromResponse(Problem.response(503, "busy", "the database is busy; try again"))
            .header("Retry-After", 1).build();
      }
    }
    String incident = UUID.randomUUID().toString();
    Throwable root = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
    LOG.log(Level.ERROR, "Unexpected error, incident " + incident, root);
    return Problem.response(500, "server_error", "unexpected error; incident " + incident + " is in the server log");
  }
}
