package dev.wabots.admin.rest;

import dev.wabots.platform.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one error body of the API: {@code {"status":400,"error":"invalid","message":"…",
 * "fields":[{"field":"name","message":"is required"}]}}. Never a stack trace.
 */
public final class Problem {

  private Problem() {}

  public static JsonObject body(int status, String code, String message, List<FieldError> fields) {
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("status", status)
        .add("error", code)
        .add("message", message == null ? "" : message);
    if (fields != null && !fields.isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      fields.forEach(f -> list.add(Json.createObjectBuilder().add("field", f.field()).add("message", f.message())));
      json.add("fields", list);
    }
    return json.build();
  }

  public static Response response(int status, String code, String message, List<FieldError> fields) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body(status, code, message, fields).toString())
        .build();
  }

  public static Response response(int status, String code, String message) {
    return response(status, code, message, List.of());
  }

  /** The error code the API uses for an HTTP status it did not choose itself. */
  public static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 501 -> "not_implemented";
      default -> status >= 500 ? "server_error" : "error";
    };
  }
}
