package dev.wabots.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for a bot's webhook, built to leave the CPU to the server: every request (a
 * signed Cloud API body with one text message and a fresh wamid) is built and signed before its
 * phase starts, and sent over plain keep-alive HTTP/1.1 sockets, one per worker thread.
 *
 * <p>Fixed-rate phases are open loop: a ticker releases each request at its intended time and
 * latency counts from then, so a slow server cannot hide its queueing (no coordinated omission) —
 * up to {@link #CONNECTIONS} in flight. Saturation phases keep 64 requests in flight. Afterwards
 * every acknowledged message is looked up in the bot's database: stored once, none lost.
 *
 * <p>Usage: {@code WebhookLoad <port> <app secret> <phone number id> <bot db file> <rate:seconds>...}
 * e.g. {@code 100:20 500:20 1000:60 sat:20}.
 */
public final class WebhookLoad {

  static final int PHONES = 1000;
  static final long FIRST_PHONE = 79_990_000_000L;
  static final int CONNECTIONS = 256;
  static final int SATURATION = 64;
  static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final int port;
  private final byte[] key;
  private final String phoneNumberId;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private long counter;

  /** One prepared request: its wamid and the exact bytes on the wire. */
  record Prepared(String wamid, byte[] bytes) {}

  WebhookLoad(int port, String secret, String phoneNumberId) {
    this.port = port;
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.phoneNumberId = phoneNumberId;
  }

  public static void main(String[] args) throws Exception {
    WebhookLoad load = new WebhookLoad(Integer.parseInt(args[0]), args[1], args[2]);
    Path db = Path.of(args[3]);
    load.closedLoop("warm-up (8 in flight)", 8, 20_000, Long.MAX_VALUE);
    for (String phase : Arrays.copyOfRange(args, 4, args.length)) {
      String[] p = phase.split(":");
      int seconds = Integer.parseInt(p[1]);
      if (p[0].equals("sat")) {
        // Enough prepared requests for 3 000/s; the phase ends on time either way.
        load.closedLoop("saturation (" + SATURATION + " in flight)", SATURATION, 3000 * seconds,
            TimeUnit.SECONDS.toNanos(seconds));
      } else {
        load.fixedRate(Integer.parseInt(p[0]), seconds);
      }
    }
    Thread.sleep(2000);
    load.verify(db);
    System.exit(0);
  }

  Prepared[] prepare(int n) {
    Prepared[] out = new Prepared[n];
    long epoch = Instant.now().getEpochSecond();
    for (int k = 0; k < n; k++) {
      long i = ++counter;
      String phone = Long.toString(FIRST_PHONE + i % PHONES);
      String wamid = "wamid.load" + Long.toHexString(System.nanoTime()) + "x" + i;
      String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
          + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\",\"phone_number_id\":\""
          + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Load " + i + "\"},\"wa_id\":\"" + phone + "\"}],"
          + "\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
          + epoch + "\",\"text\":{\"body\":\"load " + i + "\"},\"type\":\"text\"}]},"
          + "\"field\":\"messages\"}]}]}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
          + "X-Hub-Signature-256: " + sign(bytes) + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] wire = Arrays.copyOf(h, h.length + bytes.length);
      System.arraycopy(bytes, 0, wire, h.length, bytes.length);
      out[k] = new Prepared(wamid, wire);
    }
    return out;
  }

  /** Sends {@code rate} requests per second for {@code seconds}, each timed from its intended start. */
  void fixedRate(int rate, int seconds) throws Exception {
    Prepared[] requests = prepare(rate * seconds);
    long[] latency = new long[requests.length];
    Arrays.fill(latency, -1);
    long start = OpenLoop.run(requests.length, 1_000_000_000L / rate, CONNECTIONS, 50, "sender", this::client,
        (client, k, due) -> {
          send(client, requests[k]);
          latency[k] = System.nanoTime() - due;
        });
    double elapsed = (System.nanoTime() - start) / 1e9;
    report(rate + "/s for " + seconds + " s", latency, requests.length / elapsed);
  }

  /** Keeps {@code inFlight} requests going until the prepared ones or the time run out. */
  void closedLoop(String what, int inFlight, int max, long nanos) throws Exception {
    Prepared[] requests = prepare(max);
    long[] latency = new long[requests.length];
    Arrays.fill(latency, -1);
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    long end = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
    Thread[] workers = new Thread[inFlight];
    for (int w = 0; w < inFlight; w++) {
      workers[w] = daemon(() -> {
        KeepAliveClient client = client();
        for (long k; System.nanoTime() < end && (k = next.getAndIncrement()) < requests.length; ) {
          long t0 = System.nanoTime();
          send(client, requests[(int) k]);
          latency[(int) k] = System.nanoTime() - t0;
        }
        client.close();
      });
    }
    for (Thread t : workers) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long sent = Arrays.stream(latency).filter(l -> l >= 0).count();
    report(what, latency, sent / elapsed);
  }

  private static Thread daemon(Runnable body) {
    Thread t = new Thread(body);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A connection to the bot's webhook port. */
  KeepAliveClient client() {
    return new KeepAliveClient(port, (int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS), new AtomicLong());
  }

  private void send(KeepAliveClient client, Prepared request) {
    int status = client.exchange(request.bytes());
    if (status == 200) {
      acknowledged.incrementAndGet();
      acked.add(request.wamid());
    } else {
      refused.incrementAndGet();
    }
  }

  String sign(byte[] body) {
    return GraphStandIn.sign(key, body);
  }

  static void report(String what, long[] latency, double rate) {
    long[] sorted = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    System.out.printf("%-28s achieved %6.0f req/s  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d requests)%n",
        what, rate, pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }

  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Every acknowledged wamid must be stored exactly once (unacknowledged ones may be stored too). */
  void verify(Path db) throws Exception {
    Map<String, Integer> stored = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        ResultSet r = c.createStatement().executeQuery("SELECT wamid FROM inbox WHERE wamid LIKE 'wamid.load%'")) {
      while (r.next()) {
        stored.merge(r.getString(1), 1, Integer::sum);
      }
    }
    long lost = acked.stream().filter(w -> !stored.containsKey(w)).count();
    long doubled = stored.values().stream().filter(n -> n > 1).count();
    System.out.printf("acknowledged %d, not acknowledged %d; stored %d: lost %d, doubled %d%n",
        acknowledged.get(), refused.get(), stored.size(), lost, doubled);
    // The intake only stores; the lanes process behind it. Report how far behind they were.
    long t0 = System.nanoTime();
    long open = unfinished(db);
    long first = open;
    while (open > 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(300)) {
      Thread.sleep(500);
      open = unfinished(db);
    }
    System.out.printf("processing backlog at the end of the load: %d messages, drained in %.1f s%s%n", first,
        (System.nanoTime() - t0) / 1e9, open > 0 ? " (NOT drained: " + open + " left)" : "");
  }

  static long unfinished(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        ResultSet r = c.createStatement().executeQuery(
            "SELECT COUNT(*) FROM inbox WHERE wamid LIKE 'wamid.load%' AND state IN ('pending', 'planned')")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }
}
