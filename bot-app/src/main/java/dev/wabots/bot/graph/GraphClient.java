package dev.wabots.bot.graph;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.http.JsonHttp;
import dev.wabots.util.Lazy;
import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.http.Multipart;
import dev.wabots.contract.BotConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends to the Graph API with the bot's token, paced to Meta's limits, one attempt per call
 * (retries are the inbox's, {@code RetryPolicy}). A 190 (token invalid or expired) is remembered
 * and shown in the bot's status until a call works again.
 */
@ApplicationScoped
public class GraphClient {

  private static final Logger LOG = System.getLogger(GraphClient.class.getName());
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Inject Configuration configuration;

  @Inject
  @ConfigProperty(name = "wabots.graph.messages-per-second", defaultValue = "80")
  int perSecond;

  private JsonHttp http;
  private URI messages;
  /**
   * Media downloads' own client, made at the first download: only voice notes and media use it,
   * and a client is a selector thread in every bot.
   */
  private final Lazy<java.net.http.HttpClient> downloads = new Lazy<>(() -> java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build());
  private Pacer pacer;
  private BotConfiguration settings;
  private volatile String tokenProblem;

  @PostConstruct
  void init() {
    settings = configuration.settings();
    http = new JsonHttp(Duration.ofSeconds(5));
    messages = JsonHttp.resolve(settings.graphApiBase(),
        "/" + settings.graphApiVersion() + "/" + settings.phoneNumberId() + "/messages");
    pacer = new Pacer(perSecond, 45, 1.0 / 6);
  }

  /** What the Graph API returned for an accepted request. */
  public record Accepted(String messageId, JsonObject body) {}

  /**
   * Sends one request to {@code …/messages} for {@code phone}, once, after the pacer lets it go.
   * A refusal is thrown as it came; what to do about it is the caller's retry policy.
   */
  public Accepted send(String phone, String requestJson) throws GraphApiException, InterruptedException {
    pacer.acquire(phone);
    try {
      return once(requestJson);
    } catch (GraphApiException e) {
      if (e.tokenInvalid()) {
        tokenProblem = e.describe();
        LOG.log(Level.ERROR, "The access token was refused ({0}): sending stops until it works again", e.describe());
      }
      throw e;
    }
  }

  /** Marks a message as read, with the typing indicator while the answer is prepared. Best effort. */
  public void markRead(String messageId, boolean typing) {
    var body = Jsons.JSON.createObjectBuilder()
        .add("messaging_product", "whatsapp")
        .add("status", "read")
        .add("message_id", messageId);
    if (typing) {
      body.add("typing_indicator", Jsons.JSON.createObjectBuilder().add("type", "text"));
    }
    try {
      once(body.build().toString());
    } catch (GraphApiException e) {
      if (e.tokenInvalid()) {
        tokenProblem = e.describe();
      }
      LOG.log(Level.WARNING, "Mark-as-read of {0} failed: {1}", messageId, e.describe());
    }
  }

  /** Uploads media ({@code messaging_product}, {@code file}, {@code type}); returns the media id. */
  public String upload(byte[] data, String mimeType, String fileName) throws GraphApiException {
    Multipart.Body form = new Multipart()
        .field("messaging_product", "whatsapp")
        .field("type", mimeType)
        .file("file", fileName, mimeType, data)
        .build();
    JsonHttp.Bytes r = exchange(() -> http.post(graph("/" + settings.phoneNumberId() + "/media"), bearer(),
        form.contentType(), form.bytes(), READ_TIMEOUT, "Accept", "application/json"));
    JsonObject body = read(r.text());
    if (r.status() / 100 != 2) {
      throw error(r.status(), body);
    }
    if (!(body.get("id") instanceof jakarta.json.JsonString id)) {
      throw new GraphApiException(r.status(), 0, null, "the upload answer has no id", null, null);
    }
    return id.getString();
  }

  /** Where a customer's file is ({@code GET /{media-id}}): a URL valid for 5 minutes, its type and size. */
  public record MediaInfo(String url, String mimeType, long size) {}

  /** Looks up media {@code mediaId}: where to download it, its type and size (-1 when not said). */
  public MediaInfo mediaInfo(String mediaId) throws GraphApiException {
    JsonHttp.Answer r = exchange(() -> http.get(
        graph("/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8).replace("+", "%20")), bearer(), READ_TIMEOUT));
    JsonObject body = read(r.body());
    if (r.status() / 100 != 2) {
      throw remembered(error(r.status(), body));
    }
    if (!(body.get("url") instanceof jakarta.json.JsonString url)) {
      throw new GraphApiException(r.status(), 0, null, "the media answer has no url", null, null);
    }
    long size = body.get("file_size") instanceof JsonNumber n ? n.longValue() : -1;
    return new MediaInfo(url.getString(), body.getString("mime_type", ""), size);
  }

  /**
   * Downloads a file from the URL {@link #mediaInfo} gave, with the bot's token. The URL is used
   * exactly as given (Meta's carries a signed query string), so this is a plain HTTP call rather
   * than a typed client.
   *
   * @return the bytes, or empty when the file is larger than {@code maxBytes} (the rest is not read)
   */
  public java.util.Optional<byte[]> download(String url, long maxBytes) throws GraphApiException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new GraphApiException(0, 100, null, "the media url is not a URL", null, null);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new GraphApiException(400, 100, null, "the media url is not http(s)", null, null);
    }
    var request = java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(60))
        .header("Authorization", bearer()).GET().build();
    try {
      var r = downloads.get().send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = r.body()) {
        if (r.statusCode() / 100 != 2) {
          byte[] text = in.readNBytes(64 * 1024);
          JsonObject body;
          try (var reader = Jsons.JSON.createReader(new java.io.ByteArrayInputStream(text))) {
            body = reader.readValue() instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
          } catch (RuntimeException notJson) {
            body = JsonValue.EMPTY_JSON_OBJECT;
          }
          throw remembered(error(r.statusCode(), body));
        }
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
          return java.util.Optional.empty();
        }
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        return data.length > maxBytes ? java.util.Optional.empty() : java.util.Optional.of(data);
      }
    } catch (java.io.IOException e) {
      throw GraphApiException.connection(e.getMessage());
    }
  }

  private GraphApiException remembered(GraphApiException e) {
    if (e.tokenInvalid()) {
      tokenProblem = e.describe();
    }
    return e;
  }

  /** Null while the token works; otherwise what Meta said about it. */
  public String tokenProblem() {
    return tokenProblem;
  }

  private Accepted once(String requestJson) throws GraphApiException {
    JsonHttp.Answer r = exchange(() -> http.post(messages, bearer(), requestJson, READ_TIMEOUT));
    JsonObject body = read(r.body());
    if (r.status() / 100 != 2) {
      throw error(r.status(), body);
    }
    tokenProblem = null;
    String id = body.containsKey("messages") ? body.getJsonArray("messages").getJsonObject(0).getString("id") : null;
    return new Accepted(id, body);
  }

  private String bearer() {
    return "Bearer " + (settings.accessToken() == null ? "" : settings.accessToken());
  }

  /** {@code <graph base>/<version><path>}. */
  private URI graph(String path) {
    return JsonHttp.resolve(settings.graphApiBase(), "/" + settings.graphApiVersion() + path);
  }

  /** One HTTP exchange with the Graph API; no answer (or an interrupt) is a connection error. */
  private interface Exchange<T> {
    T run() throws java.io.IOException, InterruptedException;
  }

  private static <T> T exchange(Exchange<T> call) throws GraphApiException {
    try {
      return call.run();
    } catch (java.io.IOException e) {
      throw connection(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GraphApiException.connection("interrupted");
    }
  }

  private static GraphApiException connection(java.io.IOException e) {
    return GraphApiException.connection(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
        + e.getMessage()));
  }

  private static JsonObject read(String text) {
    if (text.isEmpty()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try {
      try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
        JsonValue v = reader.readValue();
        return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
      }
    } catch (RuntimeException notJson) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }

  static GraphApiException error(int status, JsonObject body) {
    JsonObject e = body.containsKey("error") && body.get("error").getValueType() == JsonValue.ValueType.OBJECT
        ? body.getJsonObject("error") : JsonValue.EMPTY_JSON_OBJECT;
    int code = e.get("code") instanceof JsonNumber n ? n.intValue() : 0;
    Integer subcode = e.get("error_subcode") instanceof JsonNumber n ? n.intValue() : null;
    String details = e.containsKey("error_data") && e.get("error_data").getValueType() == JsonValue.ValueType.OBJECT
        ? e.getJsonObject("error_data").getString("details", null) : null;
    return new GraphApiException(status, code, subcode, e.getString("message", "HTTP " + status),
        details, e.getString("fbtrace_id", null));
  }

}
