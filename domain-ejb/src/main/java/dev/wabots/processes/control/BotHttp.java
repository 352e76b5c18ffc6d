package dev.wabots.processes.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The orchestrator's HTTP calls to a bot process at its address: readiness, and the bot's own
 * status (read with the bot's process token).
 */
public final class BotHttp implements Supervisor.ReadyProbe {

  /** The bot's own readiness check in a {@code /health/ready} answer. */
  private static final Pattern BOT_CHECK = Pattern.compile("\"name\"\\s*:\\s*\"bot\"");

  /**
   * HTTP/1.1 only. Payara accepts the JDK client's default upgrade to HTTP/2 on a clear port, and
   * the client then keeps one connection per bot port and sends every call on it; a call that times
   * out leaves that connection open. When a spare moves its listener to the bot's port, a readiness
   * poll can reach the listener of a step that is torn down the next moment: every later poll then
   * waited on that dead connection until the deploy grace ran out (the spare "not ready" 30 s while
   * the bot served). On HTTP/1.1 a call that times out closes its connection; the next opens anew.
   */
  private final HttpClient http = client();

  /** The orchestrator's client for calls to bot processes (see above). */
  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
  }

  /** A bot's answer to one of the orchestrator's calls. */
  public record Answer(int status, String body) {}

  /**
   * Calls one of the bot's {@code /internal/…} endpoints with the process's command secret.
   *
   * @param body JSON to POST, or null for a GET
   * @throws IOException when the bot does not answer
   */
  public Answer call(Launcher.BotProcess p, String pathAndQuery, String body, Duration timeout) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(p.address() + pathAndQuery))
        .header("Authorization", "Bearer " + p.commandSecret())
        .timeout(timeout);
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** A file from one of the bot's {@code GET /internal/…} endpoints. */
  public record Bytes(int status, String contentType, byte[] body) {}

  /** GETs bytes from the bot's {@code pathAndQuery} with the process's command secret. */
  public Bytes fetch(Launcher.BotProcess p, String pathAndQuery, Duration timeout) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(p.address() + pathAndQuery))
        .header("Authorization", "Bearer " + p.commandSecret()).timeout(timeout).build();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Ready means the bot's own readiness check answered UP, not merely some 200 on the port. */
  @Override
  public boolean ready(String address) {
    try {
      HttpResponse<String> r = readiness(address);
      return r.statusCode() == 200 && BOT_CHECK.matcher(r.body()).find();
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What {@code /health/ready} answers now: its status and the start of its body, or why nothing came. */
  @Override
  public String seen(String address) {
    try {
      HttpResponse<String> r = readiness(address);
      String body = r.body().replaceAll("\\s+", " ").strip();
      if (body.isEmpty()) {
        return "HTTP " + r.statusCode() + " with an empty body";
      }
      return "HTTP " + r.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    } catch (java.net.http.HttpTimeoutException e) {
      return "nothing within 2 s (the connection or the answer timed out)";
    } catch (java.net.ConnectException e) {
      return "nothing: the connection was refused (no listener on the port)";
    } catch (IOException | IllegalArgumentException e) {
      return "nothing: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "nothing (interrupted)";
    }
  }

  /** One {@code GET /health/ready}, answered within 2 s. */
  private HttpResponse<String> readiness(String address) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(address + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The bot's own /status (webhook traffic, token health), or null when it does not answer. */
  public jakarta.json.JsonObject ownStatus(Launcher.BotProcess p) {
    if (p.token() == null || p.token().isEmpty()) {
      return null;
    }
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(p.address() + "/status"))
              .header("Authorization", "Bearer " + p.token())
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return null;
      }
      try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
        return reader.readObject();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
