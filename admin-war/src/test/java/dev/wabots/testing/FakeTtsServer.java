package dev.wabots.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An XTTS API server stand-in (daswer123/xtts-api-server): {@code POST /tts_to_audio/} with
 * {@code {"text","speaker_wav","language"}} answers a 24 kHz mono 16-bit WAV (a tone, 60 ms per
 * character); a request the real server would refuse gets its FastAPI 422.
 */
public final class FakeTtsServer implements AutoCloseable {

  public static final int RATE = 24_000;

  private final HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();

  public FakeTtsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", x -> {
      try {
        handle(x);
      } finally {
        x.close();
      }
    });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  private void handle(HttpExchange x) throws IOException {
    byte[] raw = x.getRequestBody().readAllBytes();
    if (!x.getRequestMethod().equals("POST") || !x.getRequestURI().getPath().equals("/tts_to_audio/")) {
      violations.add(x.getRequestMethod() + " " + x.getRequestURI());
      FakeModelServers.send(x, 404, FakeModelServers.JSON.createObjectNode().put("detail", "Not Found"));
      return;
    }
    JsonNode body;
    try {
      body = FakeModelServers.JSON.readTree(raw);
    } catch (IOException e) {
      body = null;
    }
    requests.add(body == null ? FakeModelServers.JSON.createObjectNode() : body);
    for (String field : List.of("text", "speaker_wav", "language")) {
      if (body == null || !body.path(field).isTextual()) {
        violations.add("missing " + field + ": " + new String(raw, StandardCharsets.UTF_8));
        ObjectNode error = FakeModelServers.JSON.createObjectNode();
        error.putArray("detail").addObject().put("type", "missing").put("msg", "Field required")
            .putArray("loc").add("body").add(field);
        FakeModelServers.send(x, 422, error);
        return;
      }
    }
    byte[] wav = tone(Math.min(20_000, 60 * body.get("text").asText().length()));
    x.getResponseHeaders().set("Content-Type", "audio/wav");
    x.sendResponseHeaders(200, wav.length);
    x.getResponseBody().write(wav);
  }

  static byte[] tone(int millis) {
    int samples = RATE * millis / 1000;
    ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
        .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (6000 * Math.sin(2 * Math.PI * 220 * i / RATE)));
    }
    return b.array();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
