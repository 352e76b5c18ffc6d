package dev.wabots.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's Graph API as the benchmarks need it, for bots in live mode: {@code POST
 * /{version}/{phone-number-id}/messages} accepts any send (every window is open), answers
 * mark-as-read, and delivers the {@code sent}, {@code delivered} and {@code read} statuses of each
 * sent message to the webhook of the bot owning that phone number id, signed with its app secret as
 * Meta signs them (the sandbox does the same, inside the orchestrator). Work Meta does elsewhere in
 * production stays out of the orchestrator's CPU figures this way.
 *
 * <p>Run alone: {@code GraphStandIn <port> <phone-number-id:bot-port:app-secret>...}; prints
 * "graph stand-in ready" and serves until killed.
 */
final class GraphStandIn {

  static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?([0-9]+)\"");
  static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");

  /** Where a phone number's statuses go. */
  record Bot(int port, byte[] key) {}

  private final Map<String, Bot> bots = new ConcurrentHashMap<>();
  /**
   * Status deliveries due, taken by {@value #DELIVERY_THREADS} threads, each with a keep-alive
   * connection per bot: Meta's deliveries are its own work, so they are made as cheaply as this JVM
   * can (the JDK {@code HttpClient} took ~0.3 ms of CPU per exchange in its selector and executor
   * hand-offs, which the bots' figures competed with on the same cores).
   */
  private final BlockingQueue<Delivery> due = new LinkedBlockingQueue<>();
  static final int DELIVERY_THREADS = 64;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("status-timer"));
  private final AtomicLong connects = new AtomicLong();

  /** One status webhook, signed, on the wire. */
  private record Delivery(int port, byte[] wire) {}

  GraphStandIn() {
    ThreadFactory threads = daemonThreads("statuses");
    for (int i = 0; i < DELIVERY_THREADS; i++) {
      threads.newThread(this::deliver).start();
    }
  }

  private void deliver() {
    Map<Integer, KeepAliveClient> clients = new HashMap<>();
    try {
      while (true) {
        Delivery d = due.take();
        int status = clients.computeIfAbsent(d.port(), port -> new KeepAliveClient(port, 30_000, connects))
            .exchange(d.wire());
        if (status != 200) {
          statusFailures.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
  final AtomicLong sends = new AtomicLong();
  final AtomicLong reads = new AtomicLong();
  final AtomicLong statusFailures = new AtomicLong();
  final Map<String, AtomicLong> sentByType = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    GraphStandIn graph = new GraphStandIn();
    for (int i = 1; i < args.length; i++) {
      String[] b = args[i].split(":");
      graph.bot(b[0], Integer.parseInt(b[1]), b[2]);
    }
    graph.serve(Integer.parseInt(args[0]));
    System.out.println("graph stand-in ready");
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** Statuses for {@code phoneNumberId} go to the bot's webhook on {@code port}. */
  GraphStandIn bot(String phoneNumberId, int port, String appSecret) {
    bots.put(phoneNumberId, new Bot(port, appSecret.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  void serve(int port) throws IOException {
    answerWithoutDelay();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.setExecutor(Executors.newFixedThreadPool(16, daemonThreads("graph")));
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String[] path = ex.getRequestURI().getPath().split("/");
      Bot bot = path.length == 4 && path[3].equals("messages") ? bots.get(path[2]) : null;
      if (bot == null) {
        answer(ex, 400, "{\"error\":{\"message\":\"(#100) Unsupported path in the bench stand-in\",\"type\":"
            + "\"OAuthException\",\"code\":100}}");
        return;
      }
      if (body.contains("\"status\":\"read\"") || body.contains("\"status\": \"read\"")) {
        reads.incrementAndGet();
        answer(ex, 200, "{\"success\":true}");
        return;
      }
      Matcher to = TO.matcher(body);
      String phone = to.find() ? to.group(1) : "0";
      Matcher type = TYPE.matcher(body);
      sentByType.computeIfAbsent(type.find() ? type.group(1) : "?", t -> new AtomicLong()).incrementAndGet();
      String wamid = "wamid.out" + sends.incrementAndGet();
      answer(ex, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + phone + "\",\"wa_id\":\""
          + phone + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
      long delay = 30;
      for (String status : List.of("sent", "delivered", "read")) {
        scheduler.schedule(() -> deliverStatus(path[2], bot, wamid, phone, status), delay, TimeUnit.MILLISECONDS);
        delay += 120;
      }
    });
    server.start();
  }

  private void deliverStatus(String phoneNumberId, Bot bot, String wamid, String phone, String status) {
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\","
        + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\""
        + status + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"recipient_id\":\"" + phone + "\""
        + (status.equals("sent") ? ",\"conversation\":{\"id\":\"c" + phone + "\",\"origin\":{\"type\":\"service\"}},"
            + "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"category\":\"service\",\"type\":\"free_customer_service\"}"
            : "")
        + "}]},\"field\":\"messages\"}]}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:" + bot.port() + "\r\nContent-Type: application/json\r\n"
        + "X-Hub-Signature-256: " + sign(bot.key(), bytes) + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] wire = Arrays.copyOf(head, head.length + bytes.length);
    System.arraycopy(bytes, 0, wire, head.length, bytes.length);
    due.add(new Delivery(bot.port(), wire));
  }

  /**
   * TCP_NODELAY on the JDK server's connections (read once, when the first server is made): without
   * it the server writes an answer's headers and body apart, and Nagle's algorithm with the
   * client's delayed ACK held every answer back ~40 ms (found by request-floor.sh), so the Graph
   * calls the bots make took ~44 ms instead of ~2 ms in every run before 2026-12-04 23:30 UTC.
   */
  static void answerWithoutDelay() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static void answer(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Meta's {@code X-Hub-Signature-256} of {@code body} with the app secret {@code key}. */
  static String sign(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ThreadFactory daemonThreads(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
