package dev.wabots.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.EventAck;
import dev.wabots.contract.EventBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The floor under the event-delivery lag: stands between the bots and the orchestrator (the bots
 * are given its address as the orchestrator's, {@code WABOTS_BOT_ORCHESTRATOR_URL}) and answers
 * {@code POST /internal/events} itself, at once, recording each event's lag (its bot transaction's
 * time to its arrival here); every other request goes on to the orchestrator unchanged. What is
 * left of the lag is the bots' part — their outbox, the request on its way — on the same machine,
 * with the orchestrator's storing taken out. {@code GET /sink/figures[?reset=true]} answers the
 * figures so far.
 *
 * <p>Run alone: {@code EventSink <port> <orchestrator-base-url>}; prints "event sink ready".
 */
final class EventSink {

  private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Accept");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String orchestrator;
  private long[] lags = new long[1 << 16];
  private int count;
  private long batches;
  private long max;

  EventSink(String orchestrator) {
    this.orchestrator = orchestrator.replaceAll("/+$", "");
  }

  public static void main(String[] args) throws IOException {
    EventSink sink = new EventSink(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", sink::handle);
    server.start();
    System.out.println("event sink ready on port " + args[0]);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if ("POST".equals(exchange.getRequestMethod()) && "/internal/events".equals(path)) {
        acknowledge(exchange);
      } else if ("/sink/figures".equals(path)) {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        respond(exchange, 200, "application/json", figures(query.contains("reset=true")));
      } else {
        forward(exchange);
      }
    } catch (RuntimeException e) {
      System.err.println("event sink: " + exchange.getRequestURI() + ": " + e);
    }
  }

  private void acknowledge(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    long now = System.currentTimeMillis();
    EventBatch batch = ContractJson.read(body, EventBatch.class);
    long upTo = 0;
    synchronized (this) {
      batches++;
      for (BotEvent e : batch.events()) {
        long lag = Math.max(0, now - e.at().toEpochMilli());
        if (count == lags.length) {
          lags = Arrays.copyOf(lags, count * 2);
        }
        lags[count++] = lag;
        max = Math.max(max, lag);
        upTo = Math.max(upTo, e.seq());
      }
    }
    respond(exchange, 200, "application/json", ContractJson.writeBytes(new EventAck(batch.stream(), upTo)));
  }

  private synchronized byte[] figures(boolean reset) {
    long[] sorted = Arrays.copyOf(lags, count);
    Arrays.sort(sorted);
    String json = String.format(Locale.ROOT,
        "{\"count\":%d,\"batches\":%d,\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d}", count, batches,
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), max);
    if (reset) {
      count = 0;
      batches = 0;
      max = 0;
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orchestrator + exchange.getRequestURI()))
        .timeout(Duration.ofSeconds(30))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : FORWARDED) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    respond(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body());
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
