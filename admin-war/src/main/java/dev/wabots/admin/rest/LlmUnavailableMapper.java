package dev.wabots.admin.rest;

import dev.wabots.llm.boundary.LlmUnavailable;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * No model answered a bot: 504 when every attempt timed out, else 502, with the classification of
 * the last failure and each attempt — the usual error body plus {@code classification} and
 * {@code attempts}.
 */
@Provider
public class LlmUnavailableMapper implements ExceptionMapper<LlmUnavailable> {

  /** Looked up once: each {@code Json.create…} call would search the class path for a provider. */
  private static final JsonProvider JSON = JsonProvider.provider();

  @Override
  public Response toResponse(LlmUnavailable e) {
    int status = e.timedOut() ? 504 : 502;
    JsonObjectBuilder body = JSON.createObjectBuilder(Problem.body(status, e.code(), e.getMessage(), null))
        .add("classification", e.classification());
    JsonArrayBuilder attempts = JSON.createArrayBuilder();
    e.attempts().forEach(a -> {
      JsonObjectBuilder one = JSON.createObjectBuilder().add("backend", a.backend()).add("error", a.error())
          .add("message", a.message()).add("latency_ms", a.latencyMs());
      if (a.model() == null) {
        one.addNull("model");
      } else {
        one.add("model", a.model());
      }
      if (a.httpStatus() == null) {
        one.addNull("http_status");
      } else {
        one.add("http_status", a.httpStatus());
      }
      attempts.add(one);
    });
    body.add("attempts", attempts);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build().toString()).build();
  }
}
