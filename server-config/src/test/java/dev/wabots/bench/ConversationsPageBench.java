package dev.wabots.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabots.e2e.ConversationSeed;
import dev.wabots.e2e.Launched;
import dev.wabots.testing.Api;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Conversations page and API with many conversations (issue 14: 10 000 conversations, 200 000
 * messages — first render ≤ 500 ms, a thread of 1 000 messages ≤ 300 ms): starts the orchestrator
 * ({@code ./wabots run}, built artifacts), writes {@code conversations} conversations over 5 bots
 * with {@code messages} messages in all into its database ({@link ConversationSeed}: one thread of
 * exactly 1 000 messages, the others ~20 each, last activity spread over 90 days, states mixed),
 * signs in to the panel over HTTP and measures to the last byte, {@code rounds} times each,
 * interleaved: (1) the page's first render — {@code GET /panel/conversations}, a new view each time:
 * count, first page of 25 newest, bot filter; (2) the same with the 1 000-message thread open
 * ({@code ?bot=…&phone=…}, as alert links open it: the thread read and rendered as bubbles); (3)
 * the API's list, first page ({@code GET /admin/conversations}, its default 50); (4) the API's
 * thread of 1 000 messages ({@code GET /admin/conversations/{bot}/{phone}/messages}). The first
 * request of each kind after start is printed apart. Prints medians, min and max.
 *
 * <p>Usage: {@code server-config/bench/conversations-page.sh [conversations=10000] [messages=200000] [rounds=20]}
 */
public final class ConversationsPageBench {

  static final int LONG_THREAD = 1000;
  /** The panel's thread opens at its newest messages, with a link to the earlier ones (ConversationsPage). */
  static final int SHOWN_AT_ONCE = 200;

  public static void main(String[] args) throws Exception {
    int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    if (conversations < 2 || messages < LONG_THREAD + conversations - 1) {
      throw new IllegalArgumentException("need at least 2 conversations and a message for each besides the long thread");
    }
    try (Launched run = Launched.start("bench-conversations",
        Map.of("WABOTS_ADMIN_PASSWORD", LeadsPageBench.PASSWORD))) {
      Api admin = run.api().login("admin", LeadsPageBench.PASSWORD);
      List<String> bots = new ArrayList<>();
      for (int b = 1; b <= 5; b++) {
        var created = admin.post("/admin/whatsapp/instances", Api.json("name", "Bench Bot " + b));
        bots.add(created.json().get("instance").get("id").asText());
      }

      // The rest share what the long thread leaves: ~20 each for the defaults (9 019 × 20 + 980 × 19).
      long t0 = System.nanoTime();
      int others = conversations - 1;
      int each = (messages - LONG_THREAD) / others;
      int extra = (messages - LONG_THREAD) % others;
      int longIndex = conversations / 3;
      String longBot = bots.get(longIndex % bots.size());
      String longPhone = Long.toString(79_000_000_000L + longIndex);
      Instant now = Instant.now();
      Random random = new Random(14);
      long seeded;
      try (ConversationSeed seed = new ConversationSeed(run.data, 14)) {
        int other = 0;
        for (int i = 0; i < conversations; i++) {
          int r = random.nextInt(100);
          String state = r < 80 ? "bot" : r < 92 ? "needs_person" : "with_person";
          Instant lastAt = now.minusSeconds(60 + (long) (random.nextDouble() * 90 * 86_400));
          int count = i == longIndex ? LONG_THREAD : each + (other++ < extra ? 1 : 0);
          seed.conversation(bots.get(i % bots.size()), Long.toString(79_000_000_000L + i), state, lastAt, count);
        }
        seeded = seed.messages();
      }
      System.out.printf("seeded %d conversations, %d messages in %.1f s (long thread: bot %s, phone %s)%n",
          conversations, seeded, (System.nanoTime() - t0) / 1e9, longBot, longPhone);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      URI base = run.base();
      LeadsPageBench.login(http, base);
      String token = admin.post("/admin/auth/login", Api.json("username", "admin", "password", LeadsPageBench.PASSWORD))
          .json().get("access_token").asText();

      URI page = base.resolve("/panel/conversations");
      URI thread = base.resolve("/panel/conversations?bot=" + longBot + "&phone=" + longPhone);
      HttpRequest list = HttpRequest.newBuilder(base.resolve("/admin/conversations?page=0&size=50"))
          .header("Authorization", "Bearer " + token).build();
      HttpRequest threadApi = HttpRequest.newBuilder(
              base.resolve("/admin/conversations/" + longBot + "/" + longPhone + "/messages"))
          .header("Authorization", "Bearer " + token).build();
      // The list rendered (its rows' links); the thread read whole, its newest 200 rendered, "earlier" offered.
      String[] listMarks = {"listForm:conversations", "conversation-link"};
      String[] threadMarks = {"listForm:conversations", "conversation-link", "threadWho",
          "data-count=\"" + SHOWN_AT_ONCE + "\"", "threadForm:earlier"};

      System.out.printf("first render, the very first request after start: %.0f ms%n",
          LeadsPageBench.timeGet(http, page, listMarks));
      System.out.printf("first of its kind after start — with the long thread open: %.0f ms, API list: %.0f ms,"
          + " API thread: %.0f ms%n", LeadsPageBench.timeGet(http, thread, threadMarks),
          LeadsPageBench.timeGet(http, list, "\"items\""), LeadsPageBench.timeGet(http, threadApi, "\"messages\""));
      check(http, page, list, thread, threadApi, conversations);

      // Interleaved, so that all four see the same warm-up and the same neighbours.
      List<Double> pages = new ArrayList<>();
      List<Double> threads = new ArrayList<>();
      List<Double> lists = new ArrayList<>();
      List<Double> threadsApi = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        pages.add(LeadsPageBench.timeGet(http, page, listMarks));
        threads.add(LeadsPageBench.timeGet(http, thread, threadMarks));
        lists.add(LeadsPageBench.timeGet(http, list, "\"items\""));
        threadsApi.add(LeadsPageBench.timeGet(http, threadApi, "\"messages\""));
      }
      print("panel: first render of a new view (/panel/conversations)", pages, rounds);
      print("panel: first render with the " + LONG_THREAD + "-message thread open (?bot=&phone=)", threads, rounds);
      print("API: list, first page of 50 (GET /admin/conversations)", lists, rounds);
      print("API: the " + LONG_THREAD + "-message thread (GET /admin/conversations/{bot}/{phone}/messages)",
          threadsApi, rounds);
    }
  }

  /** Untimed: what the timed requests return is the real thing (sizes, counts). */
  static void check(HttpClient http, URI page, HttpRequest list, URI thread, HttpRequest threadApi, int conversations)
      throws Exception {
    String pageBody = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).body();
    String threadBody = http.send(HttpRequest.newBuilder(thread).build(), HttpResponse.BodyHandlers.ofString()).body();
    int rows = count(pageBody, "data-phone=\"");
    int bubbles = count(threadBody, "data-seq=\"");
    JsonNode listJson = Api.JSON.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
    String threadJson = http.send(threadApi, HttpResponse.BodyHandlers.ofString()).body();
    int messages = Api.JSON.readTree(threadJson).get("messages").size();
    System.out.printf("sizes: page %.0f kB (%d rows), with the thread %.0f kB (%d bubbles); API list %d items of %d,"
        + " thread %d messages, %.0f kB%n", pageBody.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e3,
        rows, threadBody.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e3, bubbles,
        listJson.get("items").size(), listJson.get("total").asLong(), messages,
        threadJson.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 1e3);
    if (rows != 25 || bubbles != SHOWN_AT_ONCE || listJson.get("total").asLong() != conversations
        || listJson.get("items").size() != 50 || messages != LONG_THREAD) {
      throw new IllegalStateException("the pages do not show what was seeded");
    }
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static void print(String what, List<Double> ms, int rounds) {
    System.out.printf("%s, %d rounds: median %.0f ms, min %.0f, max %.0f%n", what, rounds, LeadsPageBench.median(ms),
        Collections.min(ms), Collections.max(ms));
  }
}
