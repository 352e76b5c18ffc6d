package dev.wabots.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for a bot's webhook: signed Cloud API bodies (one text message each, a fresh
 * wamid each time) at fixed rates (open loop: latency counts from the intended send time, so a
 * slow server cannot hide its queueing), then a closed-loop saturation run; finally checks in the
 * bot's database that every acknowledged message is stored exactly once.
 *
 * <p>Usage: {@code WebhookLoad <port> <app secret> <phone number id> <bot db file> <rate:seconds>...}
 * e.g. {@code 100:20 500:20 1000:60 sat:20}.
 */
public final class WebhookLoad {

  static final int PHONES = 1000;
  static final long FIRST_PHONE = 79_990_000_000L;

  private final URI uri;
  private final byte[] key;
  private final String phoneNumberId;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong counter = new AtomicLong();
  private final java.util.Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  WebhookLoad(int port, String secret, String phoneNumberId) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/webhook");
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.phoneNumberId = phoneNumberId;
  }

  public static void main(String[] args) throws Exception {
    WebhookLoad load = new WebhookLoad(Integer.parseInt(args[0]), args[1], args[2]);
    Path db = Path.of(args[3]);
    load.warmUp();
    for (String phase : Arrays.copyOfRange(args, 4, args.length)) {
      String[] p = phase.split(":");
      int seconds = Integer.parseInt(p[1]);
      if (p[0].equals("sat")) {
        load.saturate(64, seconds);
      } else {
        load.fixedRate(Integer.parseInt(p[0]), seconds);
      }
    }
    Thread.sleep(2000);
    load.verify(db);
    System.exit(0);
  }

  void warmUp() throws Exception {
    for (int i = 0; i < 2000; i++) {
      send().get(10, TimeUnit.SECONDS);
    }
  }

  void fixedRate(int rate, int seconds) throws Exception {
    int total = rate * seconds;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong issued = new AtomicLong();
    ticker.scheduleAtFixedRate(() -> {
      // Catch up on every send that is due, each timed from when it was due.
      long due = (System.nanoTime() - start) / periodNanos + 1;
      while (issued.get() < Math.min(due, total)) {
        long n = issued.getAndIncrement();
        long intended = start + n * periodNanos;
        pending.add(send().thenAccept(status -> latencies.add(System.nanoTime() - intended)));
      }
      if (issued.get() >= total) {
        done.complete(null);
      }
    }, 0, 1, TimeUnit.MILLISECONDS);
    done.get();
    ticker.shutdownNow();
    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    report(rate + "/s for " + seconds + " s", latencies, total / elapsed);
  }

  void saturate(int concurrency, int seconds) throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    Semaphore slots = new Semaphore(concurrency);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long n = 0;
    while (System.nanoTime() < end) {
      slots.acquire();
      long t0 = System.nanoTime();
      send().whenComplete((s, e) -> {
        latencies.add(System.nanoTime() - t0);
        slots.release();
      });
      n++;
    }
    slots.acquire(concurrency);
    double elapsed = (System.nanoTime() - start) / 1e9;
    report("saturation (" + concurrency + " in flight)", latencies, n / elapsed);
  }

  CompletableFuture<Integer> send() {
    long i = counter.incrementAndGet();
    String phone = Long.toString(FIRST_PHONE + i % PHONES);
    String wamid = "wamid.load" + UUID.randomUUID().toString().replace("-", "");
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
        + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\",\"phone_number_id\":\""
        + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Load " + i + "\"},\"wa_id\":\"" + phone + "\"}],"
        + "\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
        + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"load " + i + "\"},\"type\":\"text\"}]},"
        + "\"field\":\"messages\"}]}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", sign(bytes))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
      int status = e != null ? -1 : r.statusCode();
      if (status == 200) {
        acknowledged.incrementAndGet();
        acked.add(wamid);
      } else {
        refused.incrementAndGet();
      }
      return status;
    });
  }

  String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void report(String what, ConcurrentLinkedQueue<Long> nanos, double rate) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%-28s achieved %6.0f req/s  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d requests)%n",
        what, rate, pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }

  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Every acknowledged wamid must be stored exactly once (unacknowledged ones may be stored too). */
  void verify(Path db) throws Exception {
    java.util.Map<String, Integer> stored = new java.util.HashMap<>();
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
  }
}
