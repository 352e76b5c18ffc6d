package dev.wabots.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversation traffic over several bots for the event-delivery lag: signed greetings from
 * distinct customers, spread evenly over the bots at a total rate (open loop), so every message is
 * answered (the welcome screen) and produces its events — message in, funnel step, message out.
 * It reports what the bots acknowledged; the lag itself is the orchestrator's figure
 * ({@code GET /admin/conversations/delivery-lag}).
 *
 * <p>Usage: {@code EventLagLoad <rate per second> <seconds> <port:secret:phone-number-id>...}
 */
public final class EventLagLoad {

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    List<String[]> bots = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      bots.add(args[i].split(":"));
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
        .build();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    java.util.Map<String, Long> causes = new java.util.concurrent.ConcurrentSkipListMap<>();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    java.util.Queue<Long> acks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Map<Long, Long> failedBySecond = new java.util.concurrent.ConcurrentSkipListMap<>();
    long total = (long) rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    long firstPhone = 79_500_000_000L + (System.currentTimeMillis() % 1_000_000) * 100;
    for (long n = 0; n < total; n++) {
      long due = start + n * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      String[] bot = bots.get((int) (n % bots.size()));
      byte[] body = greeting(bot[2], Long.toString(firstPhone + n));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bot[0] + "/webhook"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header("X-Hub-Signature-256", GraphStandIn.sign(bot[1].getBytes(StandardCharsets.UTF_8), body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> {
            if (e == null && r.statusCode() == 200) {
              ok.incrementAndGet();
              acks.add(System.nanoTime() - due);
            } else {
              failed.incrementAndGet();
              failedBySecond.merge(TimeUnit.NANOSECONDS.toSeconds(due - start), 1L, Long::sum);
              Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
              causes.merge(e == null ? "HTTP " + r.statusCode() : cause.getClass().getSimpleName(), 1L, Long::sum);
            }
          }));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double took = (System.nanoTime() - start) / 1e9;
    System.out.printf("sent %d greetings to %d bots in %.1f s (%.0f/s): %d acknowledged, %d failed%n", total,
        bots.size(), took, total / took, ok.get(), failed.get());
    long[] sorted = acks.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length > 0) {
      System.out.printf("ack (from the intended send time) p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 99L / 100)] / 1e6,
          sorted[sorted.length - 1] / 1e6);
    }
    if (!causes.isEmpty()) {
      System.out.println("failures by cause: " + causes + "; by second of the load (sent in): " + failedBySecond);
    }
  }

  static byte[] greeting(String phoneNumberId, String from) {
    String wamid = "wamid.lag" + java.util.UUID.randomUUID().toString().replace("-", "");
    return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\","
        + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"wa_id\":\"" + from + "\",\"profile\":{\"name\":"
        + "\"Lag " + from + "\"}}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
        + Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"привет\"}}]}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
