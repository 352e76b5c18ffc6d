package dev.wabots.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bot under load with every message processed end to end, and Meta and the model played by this
 * JVM: a Graph API stand-in that accepts the bot's sends (any recipient: every window is open),
 * answers mark-as-read, and delivers the {@code sent}, {@code delivered} and {@code read} statuses
 * to the bot's webhook signed as Meta signs them, like the sandbox does; and an OpenAI-compatible
 * model answering after a fixed delay (~20 ms). The bot runs in live mode against the stand-in, so
 * the orchestrator's CPU is its own work (AI routing, events), not the sandbox's.
 *
 * <p>Senders: {@value #SENDERS} distinct numbers (Meta's per-user pair limit never holds a reply
 * back), each walking the same conversation of {@value #STEPS} messages — a greeting, button and
 * list taps through the quiz to checkout, and two free-text questions that go to the AI — one
 * message of a sender every {@value #LANES} requests, the senders at staggered steps so that every
 * stretch of the load mixes all seven kinds. Requests are signed before each phase and
 * released open loop at a fixed rate, each timed from its intended start (no coordinated
 * omission). After each phase the harness reports the acknowledgement latency, how many messages
 * were fully answered per second (inbox rows {@code done}), the backlog and how long it takes to
 * drain, the CPU per processed message of the bot and of the orchestrator (from {@code /proc}, over
 * the phase and its drain), the bot's RSS and how many bytes its log grew. At the end every
 * acknowledged message is checked in the bot's database: stored once, answered, none failed.
 *
 * <p>Usage: {@code ProcessingLoad <model port> <graph port> <model delay ms> <bot port> <app
 * secret> <phone number id>}; it serves at once and waits for one line on stdin: {@code go <bot
 * db> <bot pid> <orchestrator pid> <bot log> <rate:seconds>...}.
 */
public final class ProcessingLoad {

  static final int SENDERS = 20_000;
  static final long FIRST_PHONE = 79_500_000_000L;
  static final int STEPS = 7;
  /** Senders writing at once: at 1 000/s each writes every 10 s, within Meta's per-user pair limit. */
  static final int LANES = 10_000;
  static final int CONNECTIONS = 256;

  final int botPort;
  final byte[] key;
  final String phoneNumberId;
  final GraphStandIn graph = new GraphStandIn();
  final AtomicLong modelCalls = new AtomicLong();
  final AtomicLong acknowledged = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final Set<String> acked = ConcurrentHashMap.newKeySet();
  long counter;

  ProcessingLoad(int botPort, String secret, String phoneNumberId) {
    this.botPort = botPort;
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.phoneNumberId = phoneNumberId;
  }

  public static void main(String[] args) throws Exception {
    ProcessingLoad load = new ProcessingLoad(Integer.parseInt(args[3]), args[4], args[5]);
    load.serveModel(Integer.parseInt(args[0]), Integer.parseInt(args[2]));
    load.graph.bot(args[5], load.botPort, args[4]).serve(Integer.parseInt(args[1]));
    System.out.println("stand-ins ready");
    System.out.flush();
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || !line.startsWith("go ")) {
      System.exit(0);
    }
    String[] go = line.strip().split("\\s+");
    Run run = new Run(Path.of(go[1]), Long.parseLong(go[2]), Long.parseLong(go[3]), Path.of(go[4]));
    for (String phase : Arrays.copyOfRange(go, 5, go.length)) {
      String[] p = phase.split(":");
      load.phase(run, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }
    load.verify(run);
    System.exit(0);
  }

  // ------------------------------------------------------------------ stand-ins

  /** {@code POST /v1/chat/completions} after {@code delayMs}; {@code GET /v1/models}. */
  void serveModel(int port, int delayMs) throws IOException {
    GraphStandIn.answerWithoutDelay();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.setExecutor(Executors.newFixedThreadPool(64, daemonThreads("model")));
    server.createContext("/v1/models", ex -> GraphStandIn.answer(ex, 200,
        "{\"object\":\"list\",\"data\":[{\"id\":\"bench-model\",\"object\":\"model\",\"owned_by\":\"bench\"}]}"));
    server.createContext("/v1/chat/completions", ex -> {
      ex.getRequestBody().readAllBytes();
      modelCalls.incrementAndGet();
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      GraphStandIn.answer(ex, 200, "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":"
          + Instant.now().getEpochSecond() + ",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"Установка под ключ занимает около 30 минут. Подсказать, что нужно"
          + " от вас?\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":24,"
          + "\"total_tokens\":144}}");
    });
    server.start();
  }

  // ------------------------------------------------------------------ the customers

  /** The conversation every sender has: kind, reply id or text, title. */
  static final String[][] CONVERSATION = {
    {"text", "Привет"},
    {"button_reply", "sales:start_quiz", "🚀 Подобрать решение"},
    {"button_reply", "sales:qt_ready", "Готовое решение"},
    {"list_reply", "sales:qi_gpu", "Есть видеокарта"},
    {"text", "А сколько стоит установка на мой сервер и сколько это займёт?"},
    {"button_reply", "sales:basic_checkout", "✅ Заказать"},
    {"text", "Спасибо, а можно оплатить по счёту для компании?"},
  };

  WebhookLoad.Prepared[] prepare(int n) {
    WebhookLoad.Prepared[] out = new WebhookLoad.Prepared[n];
    long epoch = Instant.now().getEpochSecond();
    for (int k = 0; k < n; k++) {
      long i = counter++;
      // lane i % LANES sends every LANES requests; lanes start at staggered steps, so every
      // stretch of the load mixes greetings, taps and free text; a lane that finishes its
      // conversation goes on as the next sender
      long lane = i % LANES;
      long walked = i / LANES + lane % STEPS;
      long sender = (walked / STEPS * LANES + lane) % SENDERS;
      String phone = Long.toString(FIRST_PHONE + sender);
      String[] step = CONVERSATION[(int) (walked % STEPS)];
      String wamid = "wamid.proc" + Long.toHexString(System.nanoTime()) + "x" + i;
      String message = switch (step[0]) {
        case "text" -> "\"type\":\"text\",\"text\":{\"body\":\"" + step[1] + "\"}";
        case "button_reply" -> "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":"
            + "{\"id\":\"" + step[1] + "\",\"title\":\"" + step[2] + "\"}}";
        default -> "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\""
            + step[1] + "\",\"title\":\"" + step[2] + "\"}}";
      };
      String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
          + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001234\","
          + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Клиент " + sender
          + "\"},\"wa_id\":\"" + phone + "\"}],\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"" + wamid
          + "\",\"timestamp\":\"" + epoch + "\"," + message + "}]},\"field\":\"messages\"}]}]}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:" + botPort + "\r\nContent-Type: application/json\r\n"
          + "X-Hub-Signature-256: " + sign(bytes) + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] wire = Arrays.copyOf(h, h.length + bytes.length);
      System.arraycopy(bytes, 0, wire, h.length, bytes.length);
      out[k] = new WebhookLoad.Prepared(wamid, wire);
    }
    return out;
  }

  // ------------------------------------------------------------------ phases

  /** The processes and files measured. */
  record Run(Path db, long botPid, long orchestratorPid, Path botLog) {}

  /** A reading of the counters a phase is measured by. */
  record Reading(long nanos, long botCpu, long botJit, long orchestratorCpu, long orchestratorJit, long done, long open,
      long logBytes, long harnessCpu, long graphCpu, long modelCpu, long machineBusy, long botWrites) {
    static Reading of(Run run) throws Exception {
      long[] counts = counts(run.db());
      long self = ProcessHandle.current().pid();
      return new Reading(System.nanoTime(), cpuMillis(run.botPid()), jitCpuMillis(run.botPid()),
          cpuMillis(run.orchestratorPid()), jitCpuMillis(run.orchestratorPid()), counts[0], counts[1],
          Files.exists(run.botLog()) ? Files.size(run.botLog()) : 0, cpuMillis(self),
          threadCpuMillis(self, GRAPH_THREADS), threadCpuMillis(self, MODEL_THREADS), machineBusyMillis(),
          storageWrites(run.botPid()));
    }
  }

  /**
   * This JVM's threads that play Meta's Graph API (its server, the status deliveries and their
   * client) and the model's server; the HTTP servers' dispatcher threads go with the Graph API (the
   * larger of the two). The rest of this JVM is the load generator (its sender threads end with
   * each phase, so they are counted as the difference) and the JVM's own work.
   */
  static final String GRAPH_THREADS = "(graph|statuses|status-timer)-\\d+|HTTP-Dispatcher";
  static final String MODEL_THREADS = "model-\\d+";

  void phase(Run run, int rate, int seconds) throws Exception {
    WebhookLoad.Prepared[] requests = prepare(rate * seconds);
    Reading before = Reading.of(run);
    long[] latency = new long[requests.length];
    long[] late = new long[requests.length];
    Arrays.fill(latency, -1);
    WebhookLoad webhooks = new WebhookLoad(botPort, new String(key, StandardCharsets.UTF_8), phoneNumberId);
    Probe probe = new Probe(botPort, seconds);
    Thread probing = new Thread(probe, "probe");
    probing.setDaemon(true);
    probing.start();
    long start = OpenLoop.run(requests.length, 1_000_000_000L / rate, CONNECTIONS, 50, "sender", webhooks::client,
        (client, k, due) -> {
          late[k] = System.nanoTime() - due;
          int status = client.exchange(requests[k].bytes());
          latency[k] = System.nanoTime() - due;
          if (status == 200) {
            acknowledged.incrementAndGet();
            acked.add(requests[k].wamid());
          } else {
            refused.incrementAndGet();
          }
        });
    Reading end = Reading.of(run);
    probing.join();
    double loadSeconds = (end.nanos() - start) / 1e9;
    // Drain: until every message of the load is answered (or 10 minutes).
    long drainStart = System.nanoTime();
    Reading drained = end;
    while (drained.open() > 0 && System.nanoTime() - drainStart < TimeUnit.MINUTES.toNanos(10)) {
      Thread.sleep(250);
      drained = Reading.of(run);
    }
    double drainSeconds = drained.open() > 0 ? Double.NaN : (drained.nanos() - end.nanos()) / 1e9;
    long processed = drained.done() - before.done();
    long[] sorted = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
    System.out.printf("%d/s for %d s: achieved %.0f/s; ack p50 %.1f ms, p99 %.1f ms, max %.1f ms; answered during the"
            + " load %.0f/s; backlog at the end %d, drained in %s; overall %.0f answered/s; CPU per processed message:"
            + " bot %.2f ms (JIT compilers %.2f), orchestrator %.2f ms (JIT %.2f); bot RSS %d MB; bot log +%d bytes;"
            + " bot writes to storage %.1f KB per processed message%n",
        rate, seconds, requests.length / loadSeconds, WebhookLoad.pct(sorted, 0.5), WebhookLoad.pct(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, (end.done() - before.done()) / loadSeconds,
        end.open(), Double.isNaN(drainSeconds) ? "NOT within 10 min (" + drained.open() + " left)"
            : String.format("%.1f s", drainSeconds),
        processed / ((drained.nanos() - start) / 1e9), (drained.botCpu() - before.botCpu()) / (double) Math.max(1,
            processed), (drained.botJit() - before.botJit()) / (double) Math.max(1, processed),
        (drained.orchestratorCpu() - before.orchestratorCpu()) / (double) Math.max(1, processed),
        (drained.orchestratorJit() - before.orchestratorJit()) / (double) Math.max(1, processed),
        rssMb(run.botPid()), drained.logBytes() - before.logBytes(),
        (drained.botWrites() - before.botWrites()) / 1024.0 / Math.max(1, processed));
    long graphCpu = drained.graphCpu() - before.graphCpu();
    long modelCpu = drained.modelCpu() - before.modelCpu();
    long rest = drained.harnessCpu() - before.harnessCpu() - graphCpu - modelCpu;
    long busy = drained.machineBusy() - before.machineBusy();
    System.out.printf("   the harness per processed message: Graph API stand-in %.2f ms, model %.2f ms, load generator and"
            + " its JVM %.2f ms; the machine %.2f ms in all (every process), busy %.2f of %d cores%n",
        graphCpu / (double) Math.max(1, processed), modelCpu / (double) Math.max(1, processed),
        rest / (double) Math.max(1, processed), busy / (double) Math.max(1, processed),
        busy / 1000.0 / ((drained.nanos() - before.nanos()) / 1e9), Runtime.getRuntime().availableProcessors());
    long[] lateSorted = late.clone();
    Arrays.sort(lateSorted);
    long[] fromSend = answered(latency, late, true);
    System.out.printf("   the generator's own lateness (a request's due time to its first byte sent; in the ack figures"
            + " above): p50 %.1f ms, p99 %.1f ms; ack from the first byte sent: p50 %.1f ms, p99 %.1f ms%n",
        WebhookLoad.pct(lateSorted, 0.5), WebhookLoad.pct(lateSorted, 0.99), WebhookLoad.pct(fromSend, 0.5),
        WebhookLoad.pct(fromSend, 0.99));
    dump(start, rate, late, latency);
    System.out.printf("   probe beside the load (GET /health/live, %d/s on connections of its own: the same port and request"
            + " threads, no store, no work): p50 %.1f ms, p99 %.1f ms; from the first byte sent p50 %.1f ms, p99 %.1f"
            + " ms%s%n", Probe.RATE, probe.pct(false, 0.5), probe.pct(false, 0.99), probe.pct(true, 0.5),
        probe.pct(true, 0.99), probe.failed.get() == 0 ? "" : "; " + probe.failed.get() + " failed");
    System.out.printf("   Graph stand-in so far: %d sends %s, %d mark-as-read, %d status deliveries failed; model calls %d%n",
        graph.sends.get(), graph.sentByType, graph.reads.get(), graph.statusFailures.get(), modelCalls.get());
    System.out.flush();
  }

  /**
   * A request the bot answers without its store or any processing, sent beside a phase's webhooks
   * at a low rate (open loop, measured like them from its due time): what the machine's load alone
   * does to the latency of any request to the bot — the floor under the webhooks' ack figures.
   */
  static final class Probe implements Runnable {
    static final int RATE = 50;
    static final byte[] WIRE = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    final int port;
    final long[] latency;
    final long[] late;
    final AtomicLong failed = new AtomicLong();

    Probe(int port, int seconds) {
      this.port = port;
      this.latency = new long[RATE * seconds];
      this.late = new long[RATE * seconds];
      Arrays.fill(latency, -1);
    }

    @Override
    public void run() {
      try {
        OpenLoop.run(latency.length, 1_000_000_000L / RATE, 4, 50, "probe",
            () -> new KeepAliveClient(port, 10_000, new AtomicLong()), (client, k, due) -> {
              late[k] = System.nanoTime() - due;
              int status = client.exchange(WIRE);
              latency[k] = System.nanoTime() - due;
              if (status != 200) {
                failed.incrementAndGet();
              }
            });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    double pct(boolean fromSend, double p) {
      return WebhookLoad.pct(answered(latency, late, fromSend), p);
    }
  }

  /**
   * The latencies of the answered requests (-1: none came), sorted; {@code fromSend}: less the
   * generator's lateness, i.e. counted from the first byte sent rather than the due time.
   */
  static long[] answered(long[] latency, long[] late, boolean fromSend) {
    return java.util.stream.IntStream.range(0, latency.length).filter(k -> latency[k] >= 0)
        .mapToLong(k -> fromSend ? latency[k] - late[k] : latency[k]).sorted().toArray();
  }

  /**
   * With {@code BENCH_DUMP} set to a folder: one line per request of the phase (its due time as
   * epoch milliseconds, the generator's lateness and the ack latency in microseconds), to line the
   * slow acknowledgements up with the bot's collector log or a profile.
   */
  static void dump(long start, int rate, long[] late, long[] latency) throws IOException {
    String folder = System.getenv("BENCH_DUMP");
    if (folder == null || folder.isBlank()) {
      return;
    }
    long epochNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    long period = 1_000_000_000L / rate;
    StringBuilder out = new StringBuilder(late.length * 24);
    for (int k = 0; k < late.length; k++) {
      out.append((epochNanos + start + k * period) / 1_000_000L).append(' ').append(late[k] / 1000).append(' ')
          .append(latency[k] / 1000).append('\n');
    }
    Files.writeString(Path.of(folder, "acks-" + rate + "-" + start + ".txt"), out);
  }

  /** Every acknowledged message stored once and answered; none failed. */
  void verify(Run run) throws Exception {
    Map<String, Integer> stored = new HashMap<>();
    Map<String, Long> states = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.db().toAbsolutePath());
        ResultSet r = c.createStatement().executeQuery("SELECT wamid, state FROM inbox WHERE wamid LIKE 'wamid.proc%'")) {
      while (r.next()) {
        stored.merge(r.getString(1), 1, Integer::sum);
        states.merge(r.getString(2), 1L, Long::sum);
      }
    }
    long lost = acked.stream().filter(w -> !stored.containsKey(w)).count();
    long doubled = stored.values().stream().filter(n -> n > 1).count();
    System.out.printf("acknowledged %d, not acknowledged %d; stored %d: lost %d, doubled %d; states %s%n",
        acknowledged.get(), refused.get(), stored.size(), lost, doubled, states);
  }

  static long[] counts(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(SUM(state NOT IN ('pending', 'planned')), 0),"
            + " COALESCE(SUM(state IN ('pending', 'planned')), 0) FROM inbox WHERE wamid LIKE 'wamid.proc%'")) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }

  /**
   * Bytes the process caused to be written to storage ({@code write_bytes} of {@code /proc/<pid>/io}:
   * its database, write-ahead log and log files, counted as the pages are dirtied), -1 if unreadable.
   */
  static long storageWrites(long pid) throws IOException {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
        if (line.startsWith("write_bytes:")) {
          return Long.parseLong(line.substring("write_bytes:".length()).trim());
        }
      }
    } catch (java.nio.file.AccessDeniedException e) {
      return -1;
    }
    return -1;
  }

  /** User + system CPU of a process in milliseconds. */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
  }

  /**
   * User + system CPU of the JVM's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread1" …)
   * in milliseconds: warm-up work a long-running process pays once, shown apart from the per-message
   * work. A compiler thread that ended (the JVM starts and stops them on demand) no longer counts:
   * a lower bound.
   */
  static long jitCpuMillis(long pid) throws IOException {
    return threadCpuMillis(pid, "C[12] CompilerThre.*");
  }

  /** User + system CPU in milliseconds of the live threads of {@code pid} whose name matches {@code names}. */
  static long threadCpuMillis(long pid, String names) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          if (Files.readString(task.resolve("comm")).strip().matches(names)) {
            String stat = Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException threadEnded) {
          // gone between the listing and the read
        }
      }
    }
    return ticks * 10;
  }

  /** CPU time the whole machine spent busy (all cores, every process; not idle nor waiting for I/O), in ms. */
  static long machineBusyMillis() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      if (i != 4 && i != 5) { // idle, iowait
        busy += Long.parseLong(f[i]);
      }
    }
    return busy * 10;
  }

  static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  String sign(byte[] body) {
    return GraphStandIn.sign(key, body);
  }

  static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return GraphStandIn.daemonThreads(name);
  }
}
