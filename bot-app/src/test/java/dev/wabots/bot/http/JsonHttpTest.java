package dev.wabots.bot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonHttp} runs the client's tasks in its selector thread (no worker pool): calls from many
 * threads at once still all complete, a slow answer still times out, and a refused connection is
 * still an {@link IOException}.
 */
class JsonHttpTest {

  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/echo", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] out = ("{\"got\":" + new String(in, StandardCharsets.UTF_8) + ",\"auth\":\"" + auth + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.createContext("/slow", exchange -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.createContext("/bytes", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      String seen = exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + exchange.getRequestHeaders().getFirst("X-Extra") + " " + exchange.getRequestHeaders().getFirst("Accept") + " "
          + in.length;
      byte[] out = seen.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "audio/ogg");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.createContext("/json", exchange -> {
      byte[] out = (exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Accept") + " "
          + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void answersStatusAndBody() throws Exception {
    JsonHttp.Answer answer = new JsonHttp(Duration.ofSeconds(2))
        .post(uri("/echo"), "Bearer t", "{\"n\":1}", Duration.ofSeconds(5));
    assertEquals(201, answer.status());
    assertEquals("{\"got\":{\"n\":1},\"auth\":\"Bearer t\"}", answer.body());
  }

  @Test
  void manyCallersAtOnceAllComplete() throws Exception {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(2));
    ExecutorService callers = Executors.newFixedThreadPool(32);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 640; i++) {
        int n = i;
        calls.add(callers.submit(() -> http.post(uri("/echo"), null, "{\"n\":" + n + "}", Duration.ofSeconds(10)).body()));
      }
      for (int i = 0; i < calls.size(); i++) {
        assertEquals("{\"got\":{\"n\":" + i + "},\"auth\":\"null\"}", calls.get(i).get(30, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aSlowAnswerTimesOutAndTheClientGoesOn() throws Exception {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    assertThrows(HttpTimeoutException.class, () -> http.post(uri("/slow"), null, "{}", Duration.ofMillis(300)));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the timeout ended the call");
    assertEquals(201, http.post(uri("/echo"), null, "{}", Duration.ofSeconds(5)).status());
  }

  @Test
  void aRefusedConnectionIsAnIoException() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closed + "/x");
    assertThrows(IOException.class, () -> new JsonHttp(Duration.ofSeconds(1)).post(nowhere, null, "{}", Duration.ofSeconds(2)));
  }

  @Test
  void getsJsonAndAnswersAnyStatus() throws Exception {
    JsonHttp.Answer answer = new JsonHttp(Duration.ofSeconds(2)).get(uri("/json"), "Bearer g", Duration.ofSeconds(5));
    assertEquals(404, answer.status());
    assertEquals("GET application/json Bearer g", answer.body());
  }

  @Test
  void postsBytesWithTheirTypeAndFurtherHeadersAndAnswersBytes() throws Exception {
    byte[] audio = new byte[70_000];
    JsonHttp.Bytes answer = new JsonHttp(Duration.ofSeconds(2)).post(uri("/bytes"), null, "application/octet-stream",
        audio, Duration.ofSeconds(5), "X-Extra", "x1", "Accept", "audio/ogg");
    assertEquals(200, answer.status());
    assertEquals("audio/ogg", answer.contentType());
    assertEquals("POST application/octet-stream x1 audio/ogg 70000", answer.text());
    assertThrows(IllegalArgumentException.class, () -> new JsonHttp(Duration.ofSeconds(2)).post(uri("/bytes"), null,
        "text/plain", new byte[1], Duration.ofSeconds(5), "X-Extra"));
  }
}
