package dev.wabots.admin.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (unknown path, wrong method, wrong media type, …) in our JSON shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(WebApplicationException e) {
    return map(e, request);
  }

  static Response map(WebApplicationException e, HttpServletRequest request) {
    Response original = e.getResponse();
    int status = original == null ? 500 : original.getStatus();
    String message = switch (status) {
      case 401 -> "authentication required: send 'Authorization: Bearer <token>' from POST /admin/auth/login";
      case 403 -> "your role does not allow this";
      case 404 -> "no such resource";
      case 405 -> "method not allowed here";
      case 406 -> "this resource answers application/json";
      case 415 -> "send the body as application/json";
      default -> e.getMessage();
    };
    if (Refusals.logged(status)) {
      Refusals.log(request, status, message);
    }
    Response.ResponseBuilder out = Response.fromResponse(Problem.response(status, Problem.codeOf(status), message));
    if (original != null) {
      original.getHeaders().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
          values.forEach(v -> out.header(name, v));
        }
      });
    }
    return out.build();
  }
}
