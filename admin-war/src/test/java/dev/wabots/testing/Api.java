package dev.wabots.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small client for the orchestrator's HTTP API, used by the integration and end-to-end tests.
 * Every response body it sees is kept, so a test can search them all for leaked secrets.
 */
public final class Api {

  public static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  public Api(URI base) {
    this(base, null);
  }

  private Api(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Every response body seen by any client in this JVM. */
  public static List<String> seenBodies() {
    return List.copyOf(SEEN);
  }

  public URI base() {
    return base;
  }

  public Api withToken(String bearer) {
    return new Api(base, bearer);
  }

  /** Logs in and returns a client carrying the token; fails the test if login fails. */
  public Api login(String username, String password) {
    Reply r = post("/admin/auth/login", json("username", username, "password", password));
    if (r.status() != 200) {
      throw new AssertionError("login as " + username + " failed: " + r);
    }
    return withToken(r.json().get("access_token").asText());
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  /** The body of a GET as bytes (media, documents); fails the test unless the status is 200. */
  public byte[] bytes(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET " + path + ": HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET whose body is kept as bytes (an exported file), whatever the status. */
  public Download download(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A file as it arrived. */
  public record Download(int status, byte[] body, java.util.Map<String, List<String>> headers) {

    /** A header's first value, "" when absent. */
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse("");
    }

    /** The body as a JSON error, for a refused download. */
    public JsonNode json() {
      return new Reply(status, new String(body, java.nio.charset.StandardCharsets.UTF_8), headers).json();
    }
  }

  public Reply post(String path, String body) {
    return send("POST", path, body);
  }

  public Reply put(String path, String body) {
    return send("PUT", path, body);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply send(String method, String path, String body) {
    return send(method, path, body, "application/json");
  }

  /** A request whose body (if any) is sent with this {@code Content-Type}. */
  public Reply send(String method, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      SEEN.add(response.body());
      return new Reply(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A JSON object from name/value pairs; values are written as JSON (strings, numbers, lists…). */
  public static String json(Object... pairs) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      node.set(String.valueOf(pairs[i]), JSON.valueToTree(pairs[i + 1]));
    }
    return node.toString();
  }

  /** One HTTP answer. */
  public record Reply(int status, String body, java.util.Map<String, List<String>> headers) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    /** The field names of a 4xx error body's "fields" list. */
    public List<String> errorFields() {
      List<String> names = new java.util.ArrayList<>();
      json().path("fields").forEach(f -> names.add(f.get("field").asText()));
      return names;
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
