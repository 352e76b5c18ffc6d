package dev.wabots.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time from a webhook reaching a bot to its first reply reaching the sandbox (the Graph API
 * stand-in), for a funnel step (a greeting → the welcome buttons). Greetings from distinct users
 * at a steady pace; the sandbox's own receive timestamps end each measurement.
 *
 * <p>Usage: {@code ReplyLatency <orchestrator base> <admin token> <bot id> <bot port> <app secret>
 * <phone number id> <count> <per second>}
 */
public final class ReplyLatency {

  public static void main(String[] a) throws Exception {
    URI base = URI.create(a[0]);
    String token = a[1];
    String bot = a[2];
    int port = Integer.parseInt(a[3]);
    byte[] key = a[4].getBytes(StandardCharsets.UTF_8);
    String pnid = a[5];
    int count = Integer.parseInt(a[6]);
    int perSecond = Integer.parseInt(a[7]);
    // The first greetings warm the bot up (its code runs C1-compiled only); they are not counted.
    int warmUp = a.length > 8 ? Integer.parseInt(a[8]) : 100;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper json = new ObjectMapper();
    Map<String, Instant> sent = new LinkedHashMap<>();
    long first = 79_980_000_000L + (System.nanoTime() % 100_000) * 10 + 1000;
    for (int i = -warmUp; i < count; i++) {
      String phone = Long.toString(first + i);
      String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":"
          + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\","
          + "\"phone_number_id\":\"" + pnid + "\"},\"contacts\":[{\"profile\":{\"name\":\"Latency\"},\"wa_id\":\"" + phone
          + "\"}],\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"wamid.lat" + UUID.randomUUID().toString().replace("-", "")
          + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"привет\"},\"type\":\"text\"}]},"
          + "\"field\":\"messages\"}]}]}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
          .header("Content-Type", "application/json")
          .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
      if (i >= 0) {
        sent.put(phone, Instant.now());
      }
      http.send(request, HttpResponse.BodyHandlers.discarding());
      Thread.sleep(1000 / perSecond);
    }
    Thread.sleep(5000);
    List<Long> millis = new ArrayList<>();
    for (var e : sent.entrySet()) {
      HttpRequest get = HttpRequest.newBuilder(base.resolve("/admin/sandbox/" + bot + "/conversations/" + e.getKey()))
          .header("Authorization", "Bearer " + token).build();
      JsonNode messages = json.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body()).get("messages");
      for (JsonNode m : messages) {
        if (m.get("direction").asText().equals("out") && m.has("wamid") && !m.get("payload").has("status")) {
          millis.add(Duration.between(e.getValue(), Instant.parse(m.get("at").asText())).toMillis());
          break;
        }
      }
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("webhook → first reply at the sandbox: %d of %d answered; p50 %d ms, p99 %d ms, max %d ms%n",
        sorted.length, count, pct(sorted, 0.5), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
  }

  static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }
}
