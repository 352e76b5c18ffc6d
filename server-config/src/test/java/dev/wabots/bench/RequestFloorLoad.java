package dev.wabots.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator of request-floor.sh: the CPU that Payara Micro itself spends per HTTP exchange,
 * measured on a process started as a bot is started but deploying only the floor WAR
 * ({@code server-config/bench/floor/requests}). JDK only.
 *
 * <p>Variants: {@code in} = {@code POST /webhook-floor} (the body read, a tiny 200), {@code hmac} =
 * the same with the body's HMAC-SHA256 checked against {@code X-Hub-Signature-256}, {@code out} =
 * {@code POST /webhook-floor-out?hmac=1}: {@code hmac} plus one outbound POST with the JDK {@code
 * HttpClient}, made synchronously in the request thread, to a stand-in that this JVM serves
 * ({@code com.sun.net.httpserver}, 4 threads, 200 with ~100 bytes of JSON).
 *
 * <p>Bodies are Cloud API webhooks of about a kilobyte (a message ~1.5 KB, a status ~0.8 KB), one message then three statuses (sent,
 * delivered, read) in turn, as a bot receives them per answered message; each is built and signed
 * before its phase. Phases are open loop, as in {@link WebhookLoad}: a ticker releases each request
 * at its intended time over keep-alive HTTP/1.1 sockets, one per worker thread, and latency counts
 * from the intended time. The Payara process's CPU (utime + stime from {@code /proc/<pid>/stat})
 * is read right before and after each phase and divided by the requests it answered; its threads'
 * CPU is grouped by name ({@code /proc/<pid>/task}), and this JVM's own CPU (the stand-in's threads
 * apart) is reported separately.
 *
 * <p>Order: warm-up rounds, each a {@code rate:seconds} phase of every variant in turn (C2 compiles
 * the paths: one round of 30 s each left it compiling ~2 s in the next minute; the floor WAR
 * switches C2 on at the first POST, as a bot does), then an idle stretch (the process's
 * background CPU), then every {@code rate:seconds} phase with every variant in turn. A rate given
 * twice is measured twice; the summary gives medians.
 *
 * <p>Usage: {@code RequestFloorLoad <floor port> <app secret> <stand-in port> <payara pid>
 * <variants, e.g. in,hmac,out> <warm-up rounds, e.g. 500:30,500:30> <idle seconds> <rate:seconds>...}
 * System property {@code floor.connections} (default 64): sockets, i.e. most requests in flight.
 */
public final class RequestFloorLoad {

  static final int CONNECTIONS = Integer.getInteger("floor.connections", 64);
  static final int PHONES = 1000;
  static final long FIRST_PHONE = 79_990_000_000L;
  static final String PHONE_NUMBER_ID = "106540352242922";
  static final int TIMEOUT_MS = 30_000;
  static final double TICK_MS = 10; // /proc clock ticks (USER_HZ 100)
  static final byte[] STAND_IN_ANSWER = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"79990000001\","
      + "\"wa_id\":\"79990000001\"}],\"messages\":[{\"id\":\"wamid.floor\"}]}").getBytes(StandardCharsets.UTF_8);

  private final int port;
  private final byte[] key;
  private final long payara;
  private final AtomicLong standInServed = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private long counter;
  private long bodyBytes;
  private long bodies;

  /** One measured phase. */
  record Result(String variant, int rate, double achieved, double p50, double p99, double max, long failed,
      double payaraMs, double jitMs, double generatorMs, double standInMs, double othersCores) {}

  private final List<Result> results = new ArrayList<>();

  RequestFloorLoad(int port, String secret, long payara) {
    this.port = port;
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.payara = payara;
  }

  public static void main(String[] args) throws Exception {
    // The JDK server writes a response's headers and body separately: with Nagle on, the body waits
    // for the client's delayed ACK, ~40 ms per outbound call (seen: p50 44 ms). Read once, at the
    // server's first use, so it is set before that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    RequestFloorLoad load = new RequestFloorLoad(Integer.parseInt(args[0]), args[1], Long.parseLong(args[3]));
    HttpServer standIn = standIn(Integer.parseInt(args[2]), load.standInServed);
    List<String> variants = List.of(args[4].split(","));
    String[] warmUp = args[5].split(",");
    int idle = Integer.parseInt(args[6]);
    System.out.printf("floor: Payara pid %d on port %d; variants %s; %d connections; warm-up rounds %s%n",
        load.payara, load.port, variants, CONNECTIONS, String.join(" ", warmUp));
    for (String round : warmUp) {
      int[] warm = rateSeconds(round);
      for (String v : variants) {
        load.phase(v, warm[0], warm[1], "warm-up");
      }
    }
    load.idle(idle);
    for (String phase : Arrays.copyOfRange(args, 7, args.length)) {
      int[] p = rateSeconds(phase);
      for (String v : variants) {
        load.results.add(load.phase(v, p[0], p[1], "measured"));
      }
    }
    System.out.printf("bodies: %d bytes on average (%d built); stand-in served %d outbound calls; %d connections opened%n",
        load.bodyBytes / Math.max(1, load.bodies), load.bodies, load.standInServed.get(), load.connects.get());
    load.summary(variants);
    standIn.stop(0);
    System.exit(0);
  }

  static int[] rateSeconds(String s) {
    String[] p = s.split(":");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
  }

  /** The outbound call's target: 200 with ~100 bytes of JSON for every POST, body read first. */
  static HttpServer standIn(int port, AtomicLong served) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.setExecutor(Executors.newFixedThreadPool(4, GraphStandIn.daemonThreads("standin")));
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, STAND_IN_ANSWER.length);
        exchange.getResponseBody().write(STAND_IN_ANSWER);
        served.incrementAndGet();
      }
    });
    server.start();
    return server;
  }

  static String path(String variant) {
    switch (variant) {
      case "in": return "/webhook-floor";
      case "hmac": return "/webhook-floor?hmac=1";
      case "out": return "/webhook-floor-out?hmac=1";
      default: throw new IllegalArgumentException("unknown variant " + variant + " (in, hmac, out)");
    }
  }

  /** {@code n} signed webhooks for {@code variant}: a message, then its sent, delivered and read statuses. */
  byte[][] prepare(String variant, int n) {
    byte[][] out = new byte[n][];
    String target = path(variant);
    long epoch = Instant.now().getEpochSecond();
    for (int k = 0; k < n; k++) {
      long i = ++counter;
      String phone = Long.toString(FIRST_PHONE + (i / 4) % PHONES);
      String wamid = "wamid.HBgL" + Long.toHexString(System.nanoTime()) + "FLOOR" + i;
      String head = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
          + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\",\"phone_number_id\":\""
          + PHONE_NUMBER_ID + "\"},";
      String value;
      int kind = (int) (i % 4);
      if (kind == 0) {
        value = "\"contacts\":[{\"profile\":{\"name\":\"Покупатель " + i + "\"},\"wa_id\":\"" + phone + "\"}],"
            + "\"messages\":[{\"context\":{\"from\":\"15550001234\",\"id\":\"wamid.HBgLNzk5OTAwMDAwMDEVAgARGBI5QTNDQTVCM0Q0"
            + "Q0Q2RTY3RTcA\"},\"from\":\"" + phone + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + epoch
            + "\",\"text\":{\"body\":\"Добрый день! Подскажите, пожалуйста, сколько стоит доставка в Екатеринбург и "
            + "можно ли оплатить при получении? Заказ номер " + i + ", хочу забрать до пятницы. И ещё: есть ли у вас "
            + "размер побольше и другой цвет, синий или зелёный? Если нет, когда ожидается поступление? Мне нужно "
            + "два комплекта, один в подарок, поэтому важно успеть до праздников. Спасибо!\"},\"type\":\"text\"}]}";
      } else {
        String status = kind == 1 ? "sent" : kind == 2 ? "delivered" : "read";
        value = "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + epoch
            + "\",\"recipient_id\":\"" + phone + "\",\"conversation\":{\"id\":\"b3f4c1a9d2e8f70a6c5b4d3e2f1a0b9c\","
            + "\"expiration_timestamp\":\"" + (epoch + 86_400) + "\",\"origin\":{\"type\":\"service\"}},"
            + "\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\",\"category\":\"service\",\"type\":\"free_customer_service\"},"
            + "\"biz_opaque_callback_data\":\"{\\\"bot\\\":\\\"request-floor-bot\\\",\\\"reply\\\":" + i
            + ",\\\"funnel\\\":\\\"sales-main\\\",\\\"step\\\":\\\"greeting-and-catalog-offer\\\",\\\"lead\\\":\\\"lead-" + phone
            + "\\\",\\\"campaign\\\":\\\"winter-sale-2026\\\"}\"}]}";
      }
      byte[] body = (head + value + ",\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
      bodyBytes += body.length;
      bodies++;
      byte[] h = ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: facebookexternalua\r\n"
          + "Accept: */*\r\nContent-Type: application/json\r\nX-Hub-Signature-256: " + GraphStandIn.sign(key, body)
          + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] wire = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, wire, h.length, body.length);
      out[k] = wire;
    }
    return out;
  }

  /** {@code rate} requests a second for {@code seconds}, open loop; CPU of both processes around it. */
  Result phase(String variant, int rate, int seconds, String what) throws Exception {
    byte[][] requests = prepare(variant, rate * seconds);
    long[] latency = new long[requests.length];
    int[] status = new int[requests.length];
    Arrays.fill(latency, -1);
    System.gc(); // this JVM's garbage from preparing, not during the phase
    Map<String, long[]> payaraBefore = threads(payara);
    Map<String, long[]> selfBefore = threads(ProcessHandle.current().pid());
    long payaraCpu0 = cpuTicks(payara);
    long selfCpu0 = cpuTicks(ProcessHandle.current().pid());
    long[] machine0 = machineTicks();
    long start = OpenLoop.run(requests.length, 1_000_000_000L / rate, CONNECTIONS, 20, "load",
        () -> new KeepAliveClient(port, TIMEOUT_MS, connects), (client, k, due) -> {
          status[k] = client.exchange(requests[k]);
          latency[k] = System.nanoTime() - due;
        });
    double elapsed = (System.nanoTime() - start) / 1e9;
    long payaraCpu = cpuTicks(payara) - payaraCpu0;
    long selfCpu = cpuTicks(ProcessHandle.current().pid()) - selfCpu0;
    long[] machine = machineTicks();
    double others = (machine[0] - machine0[0] - payaraCpu - selfCpu) / (elapsed * 1000 / TICK_MS);
    double steal = (machine[1] - machine0[1]) / (elapsed * 1000 / TICK_MS);
    Map<String, Long> payaraThreads = delta(payaraBefore, threads(payara), payaraCpu);
    Map<String, Long> selfThreads = delta(selfBefore, threads(ProcessHandle.current().pid()), selfCpu);
    long ok = Arrays.stream(status).filter(s -> s == 200).count();
    long[] sorted = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    long served = Math.max(1, sorted.length);
    long standIn = selfThreads.entrySet().stream()
        .filter(e -> e.getKey().startsWith("standin-") || e.getKey().startsWith("HTTP-Dispatcher"))
        .mapToLong(Map.Entry::getValue).sum();
    long jit = payaraThreads.getOrDefault("C# CompilerThre", 0L);
    Result r = new Result(variant, rate, sorted.length / elapsed, WebhookLoad.pct(sorted, 0.50),
        WebhookLoad.pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, requests.length - ok,
        payaraCpu * TICK_MS / served, jit * TICK_MS / served, selfCpu * TICK_MS / served, standIn * TICK_MS / served,
        others);
    System.out.printf("%-8s %-5s %5d/s for %2d s: achieved %6.1f/s  p50 %6.2f ms  p99 %7.2f ms  max %7.1f ms  not 200: %d"
            + " | Payara CPU %.3f ms/req (JIT threads %.3f) | generator %.3f ms/req (stand-in %.3f)"
            + " | other processes %.2f cores, steal %.2f%n",
        what, variant, rate, seconds, r.achieved(), r.p50(), r.p99(), r.max(), r.failed(), r.payaraMs(), r.jitMs(),
        r.generatorMs(), r.standInMs(), others, steal);
    System.out.println("         Payara threads, ms/req: " + top(payaraThreads, served));
    return r;
  }

  /** The Payara process's CPU with no requests at all (timers, the collector, trimming, the JIT's leftovers). */
  void idle(int seconds) throws Exception {
    if (seconds <= 0) {
      return;
    }
    Map<String, long[]> before = threads(payara);
    long cpu0 = cpuTicks(payara);
    Thread.sleep(seconds * 1000L);
    long cpu = cpuTicks(payara) - cpu0;
    System.out.printf("idle     %d s without requests: Payara CPU %.1f ms/s (%s)%n", seconds, cpu * TICK_MS / seconds,
        top(delta(before, threads(payara), cpu), seconds));
  }

  /** Thread groups (name with digits as #) by CPU, largest first: "name 0.123, …". */
  static String top(Map<String, Long> groups, long per) {
    StringBuilder b = new StringBuilder();
    groups.entrySet().stream().filter(e -> e.getValue() > 0).sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(7).forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey())
            .append(String.format(" %.3f", e.getValue() * TICK_MS / per)));
    return b.length() == 0 ? "none" : b.toString();
  }

  /** CPU ticks per thread group over a phase; what threads that ended took is "(ended threads)". */
  static Map<String, Long> delta(Map<String, long[]> before, Map<String, long[]> after, long total) {
    Map<String, Long> groups = new HashMap<>();
    long counted = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.get(e.getKey());
      long d = e.getValue()[0] - (b == null ? 0 : b[0]);
      String group = e.getKey().substring(e.getKey().indexOf(' ') + 1).replaceAll("[0-9]+", "#");
      groups.merge(group, d, Long::sum);
      counted += d;
    }
    if (total - counted > 0) {
      groups.put("(ended threads)", total - counted);
    }
    return groups;
  }

  /** "tid name" → {utime + stime} in ticks, for every thread of {@code pid}. */
  static Map<String, long[]> threads(long pid) throws IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.put(task.getFileName() + " " + name, new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])});
      }
    }
    return out;
  }

  /** The machine's busy ticks (user, nice, system, irq, softirq; guest is inside user) and steal, all CPUs. */
  static long[] machineTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    return new long[] {busy, Long.parseLong(f[8])};
  }

  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** Medians per variant and rate, then the estimate per processed message. */
  void summary(List<String> variants) {
    Map<String, List<Result>> by = new LinkedHashMap<>();
    for (Result r : results) {
      by.computeIfAbsent(r.variant() + " " + r.rate(), x -> new ArrayList<>()).add(r);
    }
    System.out.println();
    System.out.println("| variant | rate | achieved/s | p50 ms | p99 ms | Payara CPU ms/req | of it JIT threads"
        + " | generator CPU ms/req (stand-in) | other processes, cores | phases |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    Map<String, Double> cpu = new HashMap<>();
    Map<String, Double> jit = new HashMap<>();
    for (Map.Entry<String, List<Result>> e : by.entrySet()) {
      List<Result> rs = e.getValue();
      Result f = rs.get(0);
      double payaraMs = median(rs, Result::payaraMs);
      cpu.put(e.getKey(), payaraMs);
      jit.put(e.getKey(), median(rs, Result::jitMs));
      System.out.printf("| %s | %d/s | %.1f | %.2f | %.2f | %.3f | %.3f | %.3f (%.3f) | %.2f | %d |%n", f.variant(), f.rate(),
          median(rs, Result::achieved), median(rs, Result::p50), median(rs, Result::p99), payaraMs, jit.get(e.getKey()),
          median(rs, Result::generatorMs), median(rs, Result::standInMs), median(rs, Result::othersCores), rs.size());
    }
    System.out.println();
    for (int rate : results.stream().mapToInt(Result::rate).distinct().toArray()) {
      Double in = cpu.get("hmac " + rate);
      Double out = cpu.get("out " + rate);
      if (in == null || out == null) {
        continue;
      }
      System.out.printf("ESTIMATE at %d/s: floor per processed message ≈ 4 × inbound + 2.4 × outbound-extra"
              + " = 4 × %.3f + 2.4 × (%.3f − %.3f) = %.2f ms of Payara CPU (estimate from those counts, not measured per message)%n",
          rate, in, out, in, 4 * in + 2.4 * (out - in));
      double inNet = in - jit.get("hmac " + rate);
      double outNet = out - jit.get("out " + rate);
      System.out.printf("ESTIMATE at %d/s without the JIT compiler threads: 4 × %.3f + 2.4 × (%.3f − %.3f) = %.2f ms%n",
          rate, inNet, outNet, inNet, 4 * inNet + 2.4 * (outNet - inNet));
    }
  }

  static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

}
