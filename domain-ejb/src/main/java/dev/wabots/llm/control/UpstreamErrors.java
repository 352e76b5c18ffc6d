package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies a failed upstream call from its HTTP status and the service's own error body:
 * OpenAI-style {@code {"error":{"message","type","code"}}} (vLLM also answers
 * {@code {"object":"error","message","type","code"}}), Gemini's
 * {@code {"error":{"code","message","status","details":[{"reason"}]}}} and Anthropic's
 * {@code {"type":"error","error":{"type","message"}}}. Only the message of such an error body is
 * shown, never the body itself (an address may answer with anything, such as an internal page);
 * the API key is masked out of every message.
 */
public final class UpstreamErrors {

  private static final Set<String> AUTH_WORDS = Set.of(
      "invalid_api_key", "authentication_error", "permission_error", "unauthenticated", "permission_denied",
      "api_key_invalid", "invalid_authentication", "authentication_failed");
  private static final Set<String> RATE_WORDS = Set.of(
      "rate_limit_exceeded", "rate_limit_error", "insufficient_quota", "resource_exhausted", "rate_limit");
  private static final Set<String> SERVER_WORDS = Set.of("overloaded_error", "api_error", "server_error", "internal", "unavailable");

  private UpstreamErrors() {}

  /** A non-2xx answer. */
  public static UpstreamFailure fromResponse(ProviderType protocol, int status, String body, String secret) {
    String text = scrub(body, secret);
    JsonObject json = JsonText.object(text);
    String message = null;
    Set<String> words = new java.util.HashSet<>();
    if (json != null) {
      JsonObject error = JsonText.object(json, "error");
      if (error != null) {
        message = JsonText.string(error, "message");
        addWord(words, JsonText.string(error, "type"));
        addWord(words, JsonText.string(error, "code"));
        addWord(words, JsonText.string(error, "status"));
        JsonArray details = JsonText.array(error, "details");
        if (details != null) {
          for (JsonValue d : details) {
            if (d instanceof JsonObject detail) {
              addWord(words, JsonText.string(detail, "reason"));
            }
          }
        }
      } else if (JsonText.string(json, "error") != null) {
        message = JsonText.string(json, "error"); // llama.cpp and friends: {"error": "text"}
      } else {
        message = JsonText.string(json, "message"); // vLLM: {"object":"error","message":…}
        addWord(words, JsonText.string(json, "type"));
      }
    }
    if (message == null || message.isBlank()) {
      message = describe(text);
    }
    ErrorKind kind = kindFrom(ErrorKind.ofStatus(status), words);
    return new UpstreamFailure(kind, status, protocol.id() + " answered HTTP " + status + ": " + message);
  }

  private static ErrorKind kindFrom(ErrorKind byStatus, Set<String> words) {
    if (words.stream().anyMatch(AUTH_WORDS::contains)) {
      return ErrorKind.AUTH;
    }
    if (words.stream().anyMatch(RATE_WORDS::contains)) {
      return ErrorKind.RATE_LIMIT;
    }
    if (byStatus == ErrorKind.OTHER && words.stream().anyMatch(SERVER_WORDS::contains)) {
      return ErrorKind.SERVER;
    }
    return byStatus;
  }

  private static void addWord(Set<String> words, String word) {
    if (word != null) {
      words.add(word.toLowerCase(Locale.ROOT));
    }
  }

  /** No HTTP answer at all: timeout, refused connection, unknown host, TLS trouble … */
  public static UpstreamFailure fromTransport(Throwable e, String secret) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return new UpstreamFailure(ErrorKind.TIMEOUT, null, "no answer in time (" + scrub(t.getMessage(), secret) + ")");
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new UpstreamFailure(ErrorKind.UNREACHABLE, null, "cannot connect (" + scrub(t.getMessage(), secret) + ")");
      }
      if (t instanceof UnknownHostException) {
        return new UpstreamFailure(ErrorKind.UNREACHABLE, null, "unknown host " + scrub(t.getMessage(), secret));
      }
      if (t instanceof InterruptedIOException) {
        return new UpstreamFailure(ErrorKind.TIMEOUT, null, "interrupted (" + scrub(t.getMessage(), secret) + ")");
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new UpstreamFailure(ErrorKind.OTHER, null,
        root.getClass().getSimpleName() + ": " + scrub(String.valueOf(root.getMessage()), secret));
  }

  /** What an answer that is not a service's error or reply was, without showing it: its kind and size. */
  static String describe(String body) {
    if (body == null || body.isBlank()) {
      return "no error body";
    }
    String kind = JsonText.object(body) != null ? "a JSON object" : body.stripLeading().startsWith("<") ? "an HTML or XML page" : "text";
    return "not a model service's error but " + kind + " of " + body.length() + " characters (not shown)";
  }

  static String scrub(String text, String secret) {
    if (text == null || secret == null || secret.length() < 4) {
      return text;
    }
    return text.replace(secret, "••••");
  }
}
