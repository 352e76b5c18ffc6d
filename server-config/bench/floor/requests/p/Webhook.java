package p;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.management.ObjectName;

/**
 * The request floor of a bot process (request-floor.sh): what an HTTP exchange costs Payara Micro
 * itself, with no bot code. Plain servlet, no CDI.
 *
 * <p>{@code POST /webhook-floor}: reads the body to its {@code Content-Length} (as the bot's
 * WebhookServlet does) and answers 200 with a tiny JSON. With the query {@code hmac=1} it also
 * checks {@code X-Hub-Signature-256} (HMAC-SHA256 of the body with {@code FLOOR_APP_SECRET}, a keyed
 * Mac cloned per request, as the bot's SignatureVerifier does; 403 when it does not match).
 *
 * <p>{@code POST /webhook-floor-out}: the same, then, synchronously in the request thread, ONE
 * outbound POST of a ~500-byte JSON to {@code FLOOR_OUTBOUND_URL} with one shared client: by
 * default the JDK {@code HttpClient} built as the bot's JsonHttp builds it (HTTP/1.1, body read as a
 * String); with {@code FLOOR_CLIENT=urlconnection} {@code HttpURLConnection} (blocking, no selector);
 * answers 200 when that call got 200, else 502.
 *
 * <p>The first POST clears the JVM's compiler directives, as the bot's first signed webhook does
 * (bots start with C2 excluded by {@code bot-compiler-directives.json}; OptimizingCompiler).
 */
@WebServlet(urlPatterns = {"/webhook-floor", "/webhook-floor-out"}, loadOnStartup = 1)
public class Webhook extends HttpServlet {

  static final AtomicBoolean C2_RELEASED = new AtomicBoolean();
  private static final byte[] OK = "{\"received\":1}".getBytes(StandardCharsets.UTF_8);
  private static final String TEXT = "Здравствуйте! Спасибо за сообщение. Менеджер ответит вам в течение "
      + "пятнадцати минут; а пока посмотрите каталог: https://example.ru/catalog";

  private transient Mac keyed;
  private transient HttpClient client;
  private transient URI outbound;
  /** FLOOR_CLIENT=urlconnection: the outbound call through HttpURLConnection (blocking, in the calling thread). */
  private transient boolean urlConnection;
  private final AtomicLong sent = new AtomicLong();

  @Override
  public void init() {
    String secret = System.getenv("FLOOR_APP_SECRET");
    if (secret != null && !secret.isEmpty()) {
      try {
        keyed = Mac.getInstance("HmacSHA256");
        keyed.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 unavailable", e);
      }
    }
    String url = System.getenv("FLOOR_OUTBOUND_URL");
    outbound = url == null || url.isEmpty() ? null : URI.create(url);
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER);
    if ("direct".equals(System.getenv("FLOOR_CLIENT_EXECUTOR"))) {
      // The client's own tasks run where they arise (its selector thread) instead of being handed
      // to its worker pool: a variant to measure, not what the bot does today.
      builder.executor(Runnable::run);
    }
    client = builder.build();
    urlConnection = "urlconnection".equals(System.getenv("FLOOR_CLIENT"));
    if (urlConnection && System.getProperty("http.maxConnections") == null) {
      // Kept-alive connections per destination (default 5): as many as the callers at once.
      System.setProperty("http.maxConnections", "64");
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] body = readBody(req.getInputStream(), req.getContentLengthLong());
    if ("hmac=1".equals(req.getQueryString()) && !signed(req.getHeader("X-Hub-Signature-256"), body)) {
      answer(resp, 403, "{\"error\":\"signature\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!C2_RELEASED.get() && C2_RELEASED.compareAndSet(false, true)) {
      clearCompilerDirectives();
    }
    if ("/webhook-floor-out".equals(req.getServletPath())) {
      int status = callOut();
      if (status != 200) {
        answer(resp, 502, ("{\"outbound\":" + status + "}").getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    answer(resp, 200, OK);
  }

  static byte[] readBody(InputStream in, long contentLength) throws IOException {
    if (contentLength < 0 || contentLength > 3 * 1024 * 1024) {
      return in.readNBytes(3 * 1024 * 1024 + 1);
    }
    byte[] body = new byte[(int) contentLength];
    int n = in.readNBytes(body, 0, body.length);
    if (n < body.length) {
      throw new IOException("the body ended after " + n + " of " + body.length + " bytes");
    }
    return body;
  }

  private boolean signed(String header, byte[] body) {
    if (keyed == null || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    Mac mac;
    try {
      mac = (Mac) keyed.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
    return MessageDigest.isEqual(given, mac.doFinal(body));
  }

  /** One Graph-API-like send (~500 bytes of JSON) to the stand-in; its status, or -1 without an answer. */
  private int callOut() {
    if (outbound == null) {
      return -1;
    }
    long n = sent.incrementAndGet();
    String json = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
        + (79_990_000_000L + n % 1000) + "\",\"context\":{\"message_id\":\"wamid.HBgLNzk5OTAwMDAwMDEVAgASGBQzQUI2QjM5REFBODkyQTExOEU1QQA=\"},\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"" + TEXT
        + " (" + n + ")\"},\"biz_opaque_callback_data\":\"floor-" + n + "\"}";
    if (urlConnection) {
      return callOutBlocking(json);
    }
    HttpRequest request = HttpRequest.newBuilder(outbound)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", "Bearer EAAG-floor-token-0001")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return response.body() == null ? -1 : response.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The same call through {@code HttpURLConnection}: the body streamed at its length, the answer read whole. */
  private int callOutBlocking(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) outbound.toURL().openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(30_000);
      c.setInstanceFollowRedirects(false);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Accept", "application/json");
      c.setRequestProperty("Authorization", "Bearer EAAG-floor-token-0001");
      c.setFixedLengthStreamingMode(bytes.length);
      try (java.io.OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      int status = c.getResponseCode();
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        if (in != null) {
          new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return status;
    } catch (IOException e) {
      return -1;
    }
  }

  private static void answer(HttpServletResponse resp, int status, byte[] bytes) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json;charset=UTF-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /** The JVM's Compiler.directives_clear, as the bot's OptimizingCompiler runs it. */
  private static void clearCompilerDirectives() {
    try {
      ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesClear",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (Exception e) {
      System.err.println("request floor: cannot clear the compiler directives: " + e);
    }
  }
}
