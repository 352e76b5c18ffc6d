import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CPU of reading Meta's webhooks in a bot ({@code WebhookParser.parse}), alone: the mix a busy bot
 * takes per processed message — one customer's text message (with its contact) and three status
 * webhooks for the replies (sent, delivered, read) — parsed again and again on one thread.
 * Prints the median over rounds of nanoseconds per webhook, and per message (four webhooks).
 *
 * <p>Run with {@code server-config/bench/webhook-parse.sh [rounds] [webhooks-per-round]}; {@code
 * FUNNEL_JAR=path} measures another build's parser (e.g. an older commit's funnel-jar).
 */
public class WebhookParseBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    byte[][] bodies = new byte[4000][];
    for (int i = 0; i < bodies.length; i++) {
      String phone = String.valueOf(79_000_000_000L + i);
      bodies[i] = (i % 4 == 0 ? message(phone, i) : status(phone, i, new String[] {"sent", "delivered", "read"}[i % 4 - 1]))
          .getBytes(StandardCharsets.UTF_8);
    }
    long sink = 0;
    for (int i = 0; i < 200_000; i++) { // warm-up: both compilers done
      sink += WebhookParser.parse(bodies[i % bodies.length]).events().size();
    }
    double[] nsPerWebhook = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        WebhookBatch batch = WebhookParser.parse(bodies[i % bodies.length]);
        sink += batch.events().size();
      }
      nsPerWebhook[r] = (System.nanoTime() - start) / (double) perRound;
    }
    Arrays.sort(nsPerWebhook);
    double median = nsPerWebhook[rounds / 2];
    System.out.printf("webhooks parsed: %d rounds x %d (mix: 1 text message + 3 statuses), checksum %d%n", rounds,
        perRound, sink);
    System.out.printf("ns per webhook: median %.0f (min %.0f, max %.0f); per processed message (4 webhooks): %.1f us%n",
        median, nsPerWebhook[0], nsPerWebhook[rounds - 1], 4 * median / 1000);
  }

  static String envelope(String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
        + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
        + "\"phone_number_id\":\"106540352242922\"}," + value + "},\"field\":\"messages\"}]}]}";
  }

  static String message(String phone, int i) {
    return envelope("\"contacts\":[{\"profile\":{\"name\":\"Анна Петрова\"},\"wa_id\":\"" + phone + "\"}],"
        + "\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEw" + i
        + "\",\"timestamp\":\"1750000000\",\"text\":{\"body\":\"Здравствуйте! Сколько стоит установка на наш сервер, "
        + "и можно ли оплатить частями?\"},\"type\":\"text\"}]");
  }

  static String status(String phone, int i, String status) {
    return envelope("\"statuses\":[{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MjVFRUZBMDU1RUI1OUI3" + i + "\","
        + "\"status\":\"" + status + "\",\"timestamp\":\"1750000001\",\"recipient_id\":\"" + phone + "\","
        + "\"conversation\":{\"id\":\"8b2b1fd5f2c4a1b7e09f\",\"origin\":{\"type\":\"service\"}},"
        + "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"category\":\"service\",\"type\":\"free_customer_service\"}}]");
  }
}
