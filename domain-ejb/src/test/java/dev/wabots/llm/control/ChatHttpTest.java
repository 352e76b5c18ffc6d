package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wabots.llm.entity.ProviderType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat call's transport: answers, the errors' classification, headers, redirects, timeouts. */
class ChatHttpTest {

  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration READ = Duration.ofSeconds(5);

  private HttpServer server;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ChatHttp http = new ChatHttp();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/chat/completions", exchange -> {
      seen.put("path", exchange.getRequestURI().getRawPath());
      seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
      answer(exchange, 200, "{\"choices\":[]}");
    });
    server.createContext("/limited/v1/messages", exchange ->
        answer(exchange, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down, key sk-secret-1\"}}"));
    server.createContext("/moved/v1/messages", exchange -> {
      exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
      answer(exchange, 302, "");
    });
    server.createContext("/slow/v1/messages", exchange -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(exchange, 200, "{}");
    });
    server.createContext("/", exchange -> {
      seen.put("path", exchange.getRequestURI().getRawPath());
      answer(exchange, 200, "{}");
    });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private String base(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void postsTheJsonWithItsHeadersAndReturnsTheBody() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", "Bearer k1");
    headers.put("x-empty", "");
    headers.put("x-none", null);
    String body = http.post(ProviderType.OPENAI_COMPATIBLE, "k1", base("/api/"), "v1/chat/completions", headers,
        "{\"model\":\"m\"}", CONNECT, READ);
    assertEquals("{\"choices\":[]}", body);
    assertEquals("/api/v1/chat/completions", seen.get("path"));
    assertEquals("{\"model\":\"m\"}", seen.get("body"));
    assertEquals("Bearer k1", seen.get("authorization"));
    assertEquals("application/json", seen.get("content-type"));
    assertFalse(seen.containsKey("x-empty"), "a header without a value is not sent");
    assertFalse(seen.containsKey("x-none"));
  }

  @Test
  void aBaseWithoutTrailingSlashAndAnEncodedSegment() {
    http.post(ProviderType.GEMINI, null, base("/g"), "v1beta/models/" + ChatHttp.segment("gemini 2.5/x") + ":generateContent",
        Map.of(), "{}", CONNECT, READ);
    assertEquals("/g/v1beta/models/gemini%202.5%2Fx:generateContent", seen.get("path"));
  }

  @Test
  void anErrorAnswerIsClassifiedWithTheKeyScrubbed() {
    UpstreamFailure f = assertThrows(UpstreamFailure.class, () -> http.post(ProviderType.ANTHROPIC, "sk-secret-1",
        base("/limited"), "v1/messages", Map.of("x-api-key", "sk-secret-1"), "{}", CONNECT, READ));
    assertEquals(ErrorKind.RATE_LIMIT, f.kind());
    assertEquals(429, f.httpStatus());
    assertTrue(f.getMessage().contains("slow down"), f.getMessage());
    assertFalse(f.getMessage().contains("sk-secret-1"), f.getMessage());
  }

  @Test
  void aRedirectIsAnAnswerNotFollowed() {
    UpstreamFailure f = assertThrows(UpstreamFailure.class, () -> http.post(ProviderType.ANTHROPIC, null,
        base("/moved"), "v1/messages", Map.of(), "{}", CONNECT, READ));
    assertEquals(302, f.httpStatus());
  }

  @Test
  void noAnswerInTimeIsATimeout() {
    UpstreamFailure f = assertThrows(UpstreamFailure.class, () -> http.post(ProviderType.ANTHROPIC, null,
        base("/slow"), "v1/messages", Map.of(), "{}", CONNECT, Duration.ofMillis(300)));
    assertEquals(ErrorKind.TIMEOUT, f.kind());
    assertNull(f.httpStatus());
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    UpstreamFailure f = assertThrows(UpstreamFailure.class, () -> http.post(ProviderType.OPENAI_COMPATIBLE, null,
        "http://127.0.0.1:" + closed, "v1/chat/completions", Map.of(), "{}", CONNECT, READ));
    assertEquals(ErrorKind.UNREACHABLE, f.kind());
  }

  @Test
  void anUnusableAddressIsAFailureNotACrash() {
    UpstreamFailure f = assertThrows(UpstreamFailure.class, () -> http.post(ProviderType.OPENAI_COMPATIBLE, null,
        "ftp://127.0.0.1", "v1/chat/completions", Map.of(), "{}", CONNECT, READ));
    assertEquals(ErrorKind.OTHER, f.kind());
  }
}
