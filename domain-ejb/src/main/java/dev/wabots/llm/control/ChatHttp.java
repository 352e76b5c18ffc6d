package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat call to a model service — {@code POST} of a JSON body, the 2xx answer's body back, any
 * other answer or a transport failure classified ({@link UpstreamErrors}) — over the JDK's HTTP/1.1
 * client. This is the orchestrator's busiest outbound call (every AI answer of every bot), and the
 * MicroProfile REST client's invocation (Jersey's request pipeline over {@code HttpURLConnection})
 * was ~23 % of the orchestrator's CPU with bots processing messages (BENCHMARKS.md, processing under
 * load). Less frequent calls (the served models, transcription, speech) stay on {@link RestClients}.
 *
 * <p>As with the REST clients: redirects are not followed (an answer, not a new address past the
 * address checks), a header without a value is not sent, the system's proxy settings apply. The
 * request timeout is the settings' read timeout: it runs until the answer's headers, and a model
 * service sends them with its whole (non-streamed) answer.
 */
@ApplicationScoped
public class ChatHttp {

  /** One client per connect timeout (the setting changes rarely): each holds its connection pool. */
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

  /**
   * POSTs {@code json} to {@code base} + {@code path}.
   *
   * @param secret the API key, kept out of every error text
   * @param headers sent when their value is neither null nor empty
   * @return the body of a 2xx answer
   * @throws UpstreamFailure for any other answer, no answer, or an unusable address or header
   */
  public String post(ProviderType protocol, String secret, String base, String path, Map<String, String> headers,
      String json, Duration connect, Duration read) {
    HttpResponse<String> answer;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, path))
          .timeout(read)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      headers.forEach((name, value) -> {
        if (value != null && !value.isEmpty()) {
          request.header(name, value);
        }
      });
      answer = client(connect).send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw UpstreamErrors.fromTransport(e, secret);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UpstreamErrors.fromTransport(new InterruptedIOException("the call was interrupted"), secret);
    }
    String body = answer.body() == null ? "" : answer.body();
    if (answer.statusCode() / 100 != 2) {
      throw UpstreamErrors.fromResponse(protocol, answer.statusCode(), body, secret);
    }
    return body;
  }

  private HttpClient client(Duration connect) {
    return clients.computeIfAbsent(connect, timeout -> HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(ProxySelector.getDefault())
        // The client's own tasks run in its selector thread instead of a worker pool: nothing of
        // ours runs in them (the caller waits for the answer), and the hand-offs cost CPU (the
        // bots' JsonHttp, BENCHMARKS.md request floor).
        .executor(Runnable::run)
        .build());
  }

  /**
   * {@code base} (a trailing slash or not) followed by {@code path}, as the REST clients joined
   * them: {@code http://host/api} and {@code v1/messages} give {@code http://host/api/v1/messages}.
   */
  static URI resolve(String base, String path) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(b + "/" + path);
  }

  /** A value for one path segment ({@code {model}}): percent-encoded as the REST client encoded it. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
