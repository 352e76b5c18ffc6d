package dev.wabots.admin.rest;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an API answer built as a JAX-RS {@link Response} (a JSON text entity) from a servlet. */
final class ApiResponses {

  private ApiResponses() {}

  static void write(Response answer, HttpServletResponse resp) throws IOException {
    resp.setStatus(answer.getStatus());
    answer.getStringHeaders().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
        values.forEach(v -> resp.addHeader(name, v));
      }
    });
    byte[] body = String.valueOf(answer.getEntity()).getBytes(StandardCharsets.UTF_8);
    resp.setContentType("application/json;charset=UTF-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
