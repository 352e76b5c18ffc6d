package dev.wabots.sandbox.control;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Graph API error body as Meta sends it with HTTP 400, e.g. {@code {"error":{"message":"(#100)
 * Invalid parameter","type":"OAuthException","code":100,"error_data":{"messaging_product":
 * "whatsapp","details":"text.body: required"},"fbtrace_id":"…"}}}. No {@code error_subcode}: Meta
 * documents it as optional and we have no real one to give.
 *
 * @param code 100 or 131009
 * @param message e.g. {@code (#100) Invalid parameter}
 * @param details {@code <field>: <why>} for each problem, separated by {@code "; "}
 * @param fbtraceId a random trace id, as Meta gives one per response
 */
public record GraphError(int code, String message, String details, String fbtraceId) {

  /** The HTTP status Graph answers these errors with. */
  public static final int HTTP_STATUS = 400;

  private static final int MAX_DETAILS = 10;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static GraphError of(RequestProblem.Kind kind, List<RequestProblem> problems) {
    String details = problems.stream()
        .limit(MAX_DETAILS)
        .map(RequestProblem::toString)
        .collect(Collectors.joining("; "));
    if (problems.size() > MAX_DETAILS) {
      details += "; and " + (problems.size() - MAX_DETAILS) + " more";
    }
    return new GraphError(kind.graphCode(), kind.graphMessage(), details, newTraceId());
  }

  /** The body as a JSON tree. */
  public ObjectNode toJsonTree() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode data =
        nodes.objectNode().put("messaging_product", "whatsapp").put("details", details);
    ObjectNode error = nodes.objectNode()
        .put("message", message)
        .put("type", "OAuthException")
        .put("code", code);
    error.set("error_data", data);
    error.put("fbtrace_id", fbtraceId);
    ObjectNode body = nodes.objectNode();
    body.set("error", error);
    return body;
  }

  /** The body as compact JSON text. */
  public String toJson() {
    return JSON.writeValueAsString(toJsonTree());
  }

  private static String newTraceId() {
    byte[] bytes = new byte[17];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 23);
  }
}
