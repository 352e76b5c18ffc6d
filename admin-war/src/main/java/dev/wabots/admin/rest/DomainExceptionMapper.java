package dev.wabots.admin.rest;

import dev.wabots.platform.Conflict;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.TooManyRequests;
import dev.wabots.platform.Unauthorized;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Business refusals become HTTP statuses here and nowhere else; refused input is logged once. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(DomainException e) {
    return map(e, request);
  }

  static Response map(DomainException e, HttpServletRequest request) {
    Response response = map(e);
    if (Refusals.logged(response.getStatus())) {
      Refusals.log(request, response.getStatus(), e.getMessage());
    }
    return response;
  }

  static Response map(DomainException e) {
    int status;
    List<FieldError> fields = List.of();
    if (e instanceof Invalid invalid) {
      status = 400;
      fields = invalid.fields();
    } else if (e instanceof Unauthorized) {
      status = 401;
    } else if (e instanceof Forbidden) {
      status = 403;
    } else if (e instanceof NotFound) {
      status = 404;
    } else if (e instanceof Conflict conflict) {
      status = 409;
      fields = conflict.fields();
    } else if (e instanceof TooManyRequests) {
      status = 429;
    } else if (e instanceof dev.wabots.platform.Unavailable) {
      status = 503;
    } else {
      status = 400;
    }
    Response response = Problem.response(status, e.code(), e.getMessage(), fields);
    if (e instanceof TooManyRequests tooMany) {
      return Response.fromResponse(response).header("Retry-After", tooMany.retryAfterSeconds()).build();
    }
    if (status == 401) {
      return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }
    return response;
  }
}
