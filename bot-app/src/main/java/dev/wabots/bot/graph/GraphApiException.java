package dev.wabots.bot.graph;

import dev.wabots.whatsapp.Printable;
import java.util.Set;

/**
 * A refusal of the Graph API, typed from its error JSON ({@code {"error":{message, type, code,
 * error_subcode, fbtrace_id, error_data:{details}}}}), or a connection failure (code 0).
 */
public class GraphApiException extends Exception {

  /** Codes worth another attempt (rate limits after a pause, transient server trouble). */
  static final Set<Integer> RETRYABLE = Set.of(130429, 131056, 4, 80007, 131016, 131000, 133016, 131057);
  public static final int TOKEN_INVALID = 190;

  private final int httpStatus;
  private final int code;
  private final Integer subcode;
  private final String details;
  private final String fbtraceId;

  public GraphApiException(int httpStatus, int code, Integer subcode, String message, String details, String fbtraceId) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
    this.subcode = subcode;
    this.details = details;
    this.fbtraceId = fbtraceId;
  }

  public static GraphApiException connection(String why) {
    return new GraphApiException(0, 0, null, "connection failed: " + why, null, null);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }

  public Integer subcode() {
    return subcode;
  }

  public String details() {
    return details;
  }

  public String fbtraceId() {
    return fbtraceId;
  }

  /** Transient: rate limits, server errors (5xx) and connection failures. */
  public boolean retryable() {
    return httpStatus == 0 || httpStatus >= 500 || RETRYABLE.contains(code);
  }

  public boolean tokenInvalid() {
    return code == TOKEN_INVALID;
  }

  /** One line for logs and the inbox: code, subcode, message, details, trace id. */
  public String describe() {
    // Logged: the service's words are escaped so they stay on one line.
    return "Graph error " + code + (subcode == null ? "" : "/" + subcode) + " (HTTP " + httpStatus + "): "
        + Printable.of(getMessage(), 300) + (details == null ? "" : " — " + Printable.of(details, 300))
        + (fbtraceId == null ? "" : " [" + Printable.of(fbtraceId, 60) + "]");
  }
}
