package dev.wabots.bot.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bot's HTTP calls — Graph API sends and media, and every call to the orchestrator's internal
 * API ({@link dev.wabots.bot.config.Orchestrator}) — over the JDK's HTTP/1.1 client with pooled
 * keep-alive connections. The MicroProfile REST client did the same work with a parameter-converter
 * lookup that threw and caught an exception on every call (a profile of a busy bot found a fifth
 * of its CPU in the client's frames), and building one loaded ~900 Jersey client classes into every
 * bot (~10 MB of an idle bot's memory, BENCHMARKS.md); this one only builds a request. The answer
 * is returned whatever its status: interpreting it is the caller's. An {@link IOException} means
 * there was no answer (connection refused or reset, timed out).
 */
public final class JsonHttp {

  /** An HTTP answer: its status and body as UTF-8 text (empty when it had none). */
  public record Answer(int status, String body) {}

  /** An HTTP answer whose body is bytes (audio, a file); {@code contentType} is empty when it had none. */
  public record Bytes(int status, byte[] body, String contentType) {

    /** The body as UTF-8 text (an error answer is JSON even where a success is not). */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpClient client;

  public JsonHttp(Duration connectTimeout) {
    client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // The client's own tasks (reading the answer into a String, completing the call) run where
        // they arise, in its selector thread, instead of being handed to a worker pool and back:
        // nothing here blocks (small JSON bodies, synchronous callers). Measured with
        // request-floor.sh FLOOR_CLIENT_EXECUTOR=direct: ~0.1 ms less CPU per outbound call
        // (0.56 -> 0.45 ms per exchange at 500/s), the same latency.
        .executor(Runnable::run)
        .build();
  }

  /**
   * POSTs {@code json} to {@code uri}.
   *
   * @param authorization the {@code Authorization} header, or null for none
   * @throws IOException if there is no answer (connection refused, reset, timed out)
   */
  public Answer post(URI uri, String authorization, String json, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(uri, authorization, timeout, "Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return text(request);
  }

  /**
   * GETs the JSON at {@code uri}.
   *
   * @param authorization the {@code Authorization} header, or null for none
   * @throws IOException if there is no answer
   */
  public Answer get(URI uri, String authorization, Duration timeout) throws IOException, InterruptedException {
    return text(request(uri, authorization, timeout, "Accept", "application/json").GET());
  }

  /**
   * POSTs {@code body} of type {@code contentType} to {@code uri} and takes the answer as bytes.
   *
   * @param headers further request headers as name, value, name, value …
   * @throws IOException if there is no answer
   */
  public Bytes post(URI uri, String authorization, String contentType, byte[] body, Duration timeout,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(uri, authorization, timeout, headers)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Bytes(response.statusCode(), response.body() == null ? new byte[0] : response.body(),
        response.headers().firstValue("Content-Type").orElse(""));
  }

  private static HttpRequest.Builder request(URI uri, String authorization, Duration timeout, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers come as name, value pairs");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private Answer text(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.body() == null ? "" : response.body());
  }

  /** {@code base} (without a trailing slash) followed by {@code path}. */
  public static URI resolve(String base, String path) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(b + path);
  }
}
