package dev.wabots.bot.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Orchestrator} calls the orchestrator's internal API as its resources expect: method, path,
 * the bot's token, the types it sends and accepts, and the audio's own type for a transcription.
 */
class OrchestratorTest {

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private Orchestrator orchestrator;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/internal", exchange -> {
      byte[] in = exchange.getRequestBody().readAllBytes();
      var h = exchange.getRequestHeaders();
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + h.getFirst("Authorization")
          + " type=" + h.getFirst("Content-Type") + " accept=" + h.getFirst("Accept") + " audio="
          + h.getFirst("X-Audio-Type") + " body=" + in.length);
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/funnel")) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        byte[] out = path.endsWith("/speech") ? new byte[] {'O', 'g', 'g', 'S', 0, 2}
            : "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", path.endsWith("/speech") ? "audio/ogg" : "application/json");
        exchange.sendResponseHeaders(path.endsWith("/metrics") ? 503 : 200, out.length);
        exchange.getResponseBody().write(out);
      }
      exchange.close();
    });
    server.start();
    orchestrator = new Orchestrator("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void callsEachInternalEndpointAsItsResourceReadsIt() throws Exception {
    String bearer = Identity.bearer();
    // No HTTP client (and selector thread) until the first call: CDI's client proxy is built with
    // the same constructor and never calls itself.
    assertFalse(orchestrator.connected());
    assertEquals("{\"ok\":true}", orchestrator.config().body());
    assertTrue(orchestrator.connected());
    assertEquals(204, orchestrator.funnel().status());
    assertEquals("", orchestrator.funnel().body());
    // The AI questions' own client waits for the first question.
    assertFalse(orchestrator.asked());
    assertEquals(200, orchestrator.chat("{\"phone\":\"1\"}").status());
    assertTrue(orchestrator.asked());
    assertEquals(200, orchestrator.events("{}", Orchestrator.QUICK).status());
    assertEquals(503, orchestrator.metrics("{\"a\":1}").status());
    var speech = orchestrator.speech("{\"text\":\"hi\"}");
    assertEquals("audio/ogg", speech.contentType());
    assertArrayEquals(new byte[] {'O', 'g', 'g', 'S', 0, 2}, speech.body());
    assertEquals("{\"ok\":true}", orchestrator.transcription("audio/ogg; codecs=opus", new byte[1234]).body());
    assertEquals(List.of(
        "GET /internal/config auth=" + bearer + " type=null accept=application/json audio=null body=0",
        "GET /internal/funnel auth=" + bearer + " type=null accept=application/json audio=null body=0",
        "GET /internal/funnel auth=" + bearer + " type=null accept=application/json audio=null body=0",
        "POST /internal/chat auth=" + bearer + " type=application/json accept=application/json audio=null body=13",
        "POST /internal/events auth=" + bearer + " type=application/json accept=application/json audio=null body=2",
        "POST /internal/metrics auth=" + bearer + " type=application/json accept=application/json audio=null body=7",
        "POST /internal/speech auth=" + bearer + " type=application/json accept=audio/ogg, application/json audio=null body=13",
        "POST /internal/transcription auth=" + bearer + " type=application/octet-stream accept=application/json"
            + " audio=audio/ogg; codecs=opus body=1234"), seen);
  }

  @Test
  void noAnswerIsAnIoException() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Orchestrator away = new Orchestrator("http://127.0.0.1:" + closed);
    assertThrows(IOException.class, away::config);
    assertThrows(IOException.class, () -> away.speech("{}"));
  }
}
