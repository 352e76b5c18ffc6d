package dev.wabots.bench;

import dev.wabots.e2e.Launched;
import dev.wabots.e2e.LeadSeed;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Leads page and its CSV export with many leads: starts the orchestrator ({@code ./wabots run},
 * built artifacts), writes {@code leads} leads over 5 bots into its database, signs in to the panel
 * over HTTP and measures (1) the page's first render — a GET of {@code /panel/leads}, a new view
 * each time: count, first page of 25 newest, bot list, payments — to the last byte, the very first
 * one after start and then {@code rounds} more; (2) the same with a bot filter in the URL's export;
 * (3) the CSV and the XLSX export of every lead to the last byte, {@code exports} times each
 * (interleaved), with the orchestrator's resident memory sampled every 20 ms while it streams.
 * Prints medians.
 *
 * <p>Usage: {@code server-config/bench/leads-page.sh [leads=50000] [rounds=20] [exports=5]}
 */
public final class LeadsPageBench {

  static final String PASSWORD = "bench-admin-password";
  static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    int leads = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int exports = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (Launched run = Launched.start("bench-leads", Map.of("WABOTS_ADMIN_PASSWORD", PASSWORD))) {
      var admin = run.api().login("admin", PASSWORD);
      List<String> bots = new ArrayList<>();
      for (int b = 1; b <= 5; b++) {
        var created = admin.post("/admin/whatsapp/instances", dev.wabots.testing.Api.json("name", "Bench Bot " + b));
        bots.add(created.json().get("instance").get("id").asText());
      }
      long t0 = System.nanoTime();
      Instant start = Instant.now().minus(90, ChronoUnit.DAYS);
      try (LeadSeed seed = new LeadSeed(run.data)) {
        for (int i = 0; i < leads; i++) {
          String segment = switch (i % 3) { case 0 -> "CUSTOM"; case 1 -> "DIY"; default -> "BASIC"; };
          seed.lead(bots.get(i % bots.size()), Long.toString(79_000_000_000L + i), "Клиент " + i,
              start.plusSeconds(i * 150L), segment, "Задача номер " + i + ", с запятой; и кавычкой \"",
              50_000 + i % 1000, 80_000 + i % 1000, i % 10 == 0 ? "50000.00" : null);
          if (i % 5000 == 4999) {
            seed.commit();
          }
        }
      }
      System.out.printf("seeded %d leads in %.1f s%n", leads, (System.nanoTime() - t0) / 1e9);

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      URI base = run.base();
      login(http, base);
      long pid = orchestratorPid(run);

      double first = timeGet(http, base.resolve("/panel/leads"), "leadsForm:leads", "lead-link");
      System.out.printf("first render, first request after start: %.0f ms%n", first);
      // Interleaved, so that both see the same warm-up and the same neighbours.
      List<Double> page = new ArrayList<>();
      List<Double> linked = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        page.add(timeGet(http, base.resolve("/panel/leads"), "leadsForm:leads", "lead-link"));
        linked.add(timeGet(http, base.resolve("/panel/leads?lead=" + (1 + i * 997 % leads)), "cardCustomer",
            "lead-link"));
      }
      System.out.printf("first render of a new view, %d rounds: median %.0f ms, min %.0f, max %.0f%n", rounds,
          median(page), Collections.min(page), Collections.max(page));
      System.out.printf("first render with a lead's card open (?lead=), %d rounds: median %.0f ms%n", rounds,
          median(linked));

      // Interleaved, CSV then XLSX, so that both see the same neighbours.
      List<Double> csv = new ArrayList<>();
      List<Double> xlsx = new ArrayList<>();
      for (int i = 0; i < exports; i++) {
        csv.add(timeExport(http, base.resolve("/panel/leads/export"), pid, "CSV export " + (i + 1), leads));
        xlsx.add(timeExport(http, base.resolve("/panel/leads/export?format=xlsx"), pid, "XLSX export " + (i + 1),
            leads));
      }
      System.out.printf("CSV export of %d leads: median %.0f ms, min %.0f, max %.0f%n", leads, median(csv),
          Collections.min(csv), Collections.max(csv));
      System.out.printf("XLSX export of %d leads: median %.0f ms, min %.0f, max %.0f%n", leads, median(xlsx),
          Collections.min(xlsx), Collections.max(xlsx));
    }
  }

  /**
   * Milliseconds to the last byte of an export, with the orchestrator's resident memory sampled every
   * 20 ms meanwhile; then (untimed) checks that it holds a header and {@code leads} rows.
   */
  static double timeExport(HttpClient http, URI uri, long pid, String what, int leads) throws Exception {
    long rssBefore = rss(pid);
    AtomicLong peak = new AtomicLong(rssBefore);
    var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(rss(pid), Math::max), 0, 20,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    long s = System.nanoTime();
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - s) / 1e6;
    sampler.shutdownNow();
    byte[] body = r.body();
    long rows = uri.getQuery() != null && uri.getQuery().contains("xlsx") ? sheetRows(body) : lines(body);
    System.out.printf("%s: %d status, %d rows, %.1f MB in %.0f ms; orchestrator RSS %d MB before, peak %d MB%n", what,
        r.statusCode(), rows, body.length / 1e6, ms, rssBefore / 1024, peak.get() / 1024);
    if (r.statusCode() != 200 || rows != leads + 1) {
      throw new IllegalStateException(what + ": " + r.statusCode() + ", " + rows + " rows, not " + (leads + 1));
    }
    return ms;
  }

  static long lines(byte[] body) {
    long n = 0;
    for (byte b : body) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  /** The rows of a workbook's first sheet (its {@code <row } tags). */
  static long sheetRows(byte[] body) throws Exception {
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(body))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
          long n = 0;
          for (int i = xml.indexOf("<row "); i >= 0; i = xml.indexOf("<row ", i + 1)) {
            n++;
          }
          return n;
        }
      }
    }
    return -1;
  }

  static void login(HttpClient http, URI base) throws Exception {
    String page = http.send(HttpRequest.newBuilder(base.resolve("/panel/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = VIEW_STATE.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("no view state on the login page");
    }
    String form = "loginForm=loginForm&loginForm%3Ausername=admin&loginForm%3Apassword="
        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&loginForm%3Asubmit=&jakarta.faces.ViewState="
        + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/panel/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.uri().getPath().endsWith("/login")) {
      throw new IllegalStateException("the login did not go through: " + r.statusCode());
    }
  }

  /** Milliseconds to the last byte of a page that must contain every one of {@code marks}. */
  static double timeGet(HttpClient http, URI uri, String... marks) throws Exception {
    return timeGet(http, HttpRequest.newBuilder(uri).build(), marks);
  }

  /** Milliseconds to the last byte of a 200 answer that must contain every one of {@code marks} (checked after). */
  static double timeGet(HttpClient http, HttpRequest request, String... marks) throws Exception {
    long s = System.nanoTime();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    double ms = (System.nanoTime() - s) / 1e6;
    for (String mark : marks) {
      if (r.statusCode() != 200 || !r.body().contains(mark)) {
        throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + " without '" + mark + "'");
      }
    }
    return ms;
  }

  static long orchestratorPid(Launched run) {
    // ./wabots may exec the JVM itself or start it as a child: the first java process of the tree.
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(run.process.toHandle()), run.process.descendants())
        .filter(p -> p.info().command().orElse("").endsWith("/java")).map(ProcessHandle::pid).findFirst()
        .orElseThrow(() -> new IllegalStateException("no orchestrator JVM under " + run.process.pid()));
  }

  /** Resident memory of a process in kB (0 when unknown). */
  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // gone or not ours
    }
    return 0;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
