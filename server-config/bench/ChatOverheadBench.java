import dev.wabots.testing.Api;
import dev.wabots.testing.FakeBotProcess;
import dev.wabots.testing.FakeModelServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Orchestrator overhead of one chat call, excluding the model: the real orchestrator (the built
 * runtime, Payara Micro, SQLite, MP-JWT) with a bot (a stand-in process with a genuine bot token)
 * whose backend is a zero-latency fake of the OpenAI-compatible API. Each round sends one
 * {@code POST /internal/chat} and, right after, the same request the orchestrator makes straight
 * to the fake; the difference of the two latency distributions is the orchestrator's share.
 *
 * <p>Run with {@code server-config/bench/chat-overhead.sh [calls] [warm-up]}.
 */
public class ChatOverheadBench {

  static final String PASSWORD = "bench-admin-password";
  static final String SYSTEM = ("You are a sales consultant for AI Secretary. Answer briefly and politely, "
      + "ask one clarifying question, never invent prices. ").repeat(6);

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    // 10 000 rounds (~40 s): after 2 000 the JIT was still compiling Payara's request path (BENCHMARKS.md).
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path root = Path.of(System.getProperty("wabots.root", ".")).toAbsolutePath().normalize();
    // The runtime as the launcher assembles it, from the module outputs (the shared
    // server-config/target/runtime is left alone: end-to-end tests may be using it).
    Path config = root.resolve("server-config/src/main/runtime");
    Path war = root.resolve("admin-war/target/admin-war.war");
    Path payara = Path.of(System.getProperty("bench.payara"));
    Path sqlite = Path.of(System.getProperty("bench.sqlite"));
    Path work = root.resolve("server-config/target/bench/chat");
    deleteTree(work);
    Path data = work.resolve("data");
    Files.createDirectories(data);
    Path fakeRuntime = FakeBotProcess.runtime(work.resolve("fake-runtime"));
    // A private copy: the module's target folder may be rebuilt while the benchmark runs.
    war = Files.copy(war, work.resolve("admin.war"));

    try (FakeModelServers fake = FakeModelServers.start()) {
      run(List.of(java(), "-cp", System.getProperty("java.class.path"), "dev.wabots.ops.Cli", "--data", data.toString(), "prepare"),
          Map.of("WABOTS_ADMIN_PASSWORD", PASSWORD), work.resolve("prepare.log"));
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(java());
      Files.readAllLines(config.resolve("orchestrator.jvm")).stream().map(l -> l.replaceAll("#.*", "").trim())
          .filter(l -> !l.isEmpty()).forEach(command::add);
      // Extra orchestrator JVM options to try (e.g. -Dbench.orchestrator-options="-Dx=y -Dz=w").
      String extra = System.getProperty("bench.orchestrator-options", "").strip();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
        System.out.println("extra orchestrator JVM options: " + extra);
      }
      command.addAll(List.of(
          "-Dwabots.data.dir=" + data, "-Dwabots.logs.dir=" + work.resolve("logs"),
          "-Dwabots.runtime.dir=" + fakeRuntime, "-Dwabots.port=" + port,
          "-Dmp.jwt.verify.publickey.location=file://" + data.resolve("keys/jwt-public.pem"),
          "-Dwabots.llm.vllm.base-url=" + fake.openAi(),
          "-Dwabots.llm.vllm.model=bench-model",
          "-jar", payara.toString(),
          "--nohazelcast", "--disablephonehome", "--port", Integer.toString(port),
          "--rootdir", work.resolve("payara").toString(),
          "--addlibs", sqlite.toString(),
          "--postbootcommandfile", config.resolve("orchestrator-post-boot.asadmin").toString(),
          "--deploy", war.toString(), "--contextroot", "/"));
      Process orchestrator = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("orchestrator-console.log").toFile()).start();
      String bot = null;
      Api admin = null;
      try {
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        awaitReady(base, orchestrator, Duration.ofSeconds(180));
        admin = new Api(base).login("admin", PASSWORD);
        Api.Reply created = admin.post("/admin/whatsapp/instances", Api.json("name", "Bench bot", "webhook_port", freePort(),
            "llm_backend", "vllm", "system_prompt", SYSTEM));
        check(created, 201);
        bot = created.json().get("instance").get("id").asText();
        long since = System.currentTimeMillis();
        check(admin.post("/admin/whatsapp/instances/" + bot + "/start", ""), 200);
        String token = FakeBotProcess.awaitToken(data, bot, since, Duration.ofSeconds(60));

        List<Map<String, String>> conversation = List.of(
            Map.of("role", "user", "content", "Здравствуйте! Что такое AI-секретарь?"),
            Map.of("role", "assistant", "content", "Это ассистент на основе языковой модели, который работает на вашем сервере."),
            Map.of("role", "user", "content", "А без интернета он работает?"),
            Map.of("role", "assistant", "content", "Да, модель и база знаний находятся у вас; интернет нужен только для каналов."),
            Map.of("role", "user", "content", "Какая видеокарта нужна для отдела продаж из пяти человек?"));
        String chatBody = Api.json("phone", "79001234567", "messages", conversation);
        List<Map<String, String>> upstream = new ArrayList<>();
        upstream.add(Map.of("role", "system", "content", SYSTEM));
        upstream.addAll(conversation);
        String directBody = Api.json("model", "bench-model", "messages", upstream, "stream", false);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chat = HttpRequest.newBuilder(base.resolve("/internal/chat"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(chatBody)).build();
        HttpRequest direct = HttpRequest.newBuilder(fake.openAi().resolve("/v1/chat/completions"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(directBody)).build();

        HttpRequest configRequest = HttpRequest.newBuilder(base.resolve("/internal/config"))
            .header("Authorization", "Bearer " + token).GET().build();
        long[] viaOrchestrator = new long[calls];
        long[] straight = new long[calls];
        long[] floor = new long[calls];
        for (int i = -warmup; i < calls; i++) {
          long a = timed(http, chat);
          long b = timed(http, direct);
          long c = timed(http, configRequest);
          if (i >= 0) {
            viaOrchestrator[i] = a;
            straight[i] = b;
            floor[i] = c;
          }
        }
        // CPU time of the orchestrator's JVM per call (all its threads, the usage writer included):
        // unlike wall-clock latency on a shared machine, it does not depend on the neighbours' load.
        long chatCpu = cpuPerCall(orchestrator.pid(), http, chat, calls);
        long configCpu = cpuPerCall(orchestrator.pid(), http, configRequest, calls);
        check(admin.get("/admin/llm/usage?days=1&instance=" + bot), 200);
        long recorded = admin.get("/admin/llm/usage?days=1&instance=" + bot).json().get("usage").get(0).get("calls").asLong();
        if (!fake.violations().isEmpty()) {
          throw new IllegalStateException("fake saw invalid requests: " + fake.violations());
        }

        Arrays.sort(viaOrchestrator);
        Arrays.sort(straight);
        Arrays.sort(floor);
        System.out.printf("chat calls: %d measured after %d warm-up; usage rows recorded: %d%n", calls, warmup, recorded);
        System.out.printf("%-34s %8s %8s %8s %8s %8s%n", "latency (µs)", "p50", "p90", "p99", "max", "mean");
        line("POST /internal/chat (via orchestrator)", viaOrchestrator);
        line("same request straight to the fake", straight);
        line("GET /internal/config (platform floor)", floor);
        System.out.printf("%-34s %8d %8d %8d%n", "orchestrator overhead",
            pct(viaOrchestrator, 50) - pct(straight, 50), pct(viaOrchestrator, 90) - pct(straight, 90),
            pct(viaOrchestrator, 99) - pct(straight, 99));
        System.out.printf("orchestrator CPU per call (µs, %d calls each): chat %d, config %d%n", calls, chatCpu, configCpu);
      } finally {
        if (admin != null && bot != null) {
          admin.post("/admin/whatsapp/instances/" + bot + "/stop", "");
        }
        orchestrator.destroy();
        orchestrator.waitFor();
      }
    }
  }

  static long timed(HttpClient http, HttpRequest request) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    long micros = (System.nanoTime() - t0) / 1000;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return micros;
  }

  static long cpuPerCall(long pid, HttpClient http, HttpRequest request, int calls) throws Exception {
    long before = cpuMicros(pid);
    for (int i = 0; i < calls; i++) {
      timed(http, request);
    }
    Thread.sleep(1500); // let the queued usage rows be written
    return (cpuMicros(pid) - before) / calls;
  }

  /** user + system CPU time of a process from /proc (clock ticks of 10 ms). */
  static long cpuMicros(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000;
  }

  static long pct(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static void line(String what, long[] sorted) {
    System.out.printf("%-34s %8d %8d %8d %8d %8d%n", what, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
        sorted[sorted.length - 1], (long) Arrays.stream(sorted).average().orElse(0));
  }

  static void check(Api.Reply r, int status) {
    if (r.status() != status) {
      throw new IllegalStateException("expected " + status + ", got " + r);
    }
  }

  static void awaitReady(URI base, Process p, Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the orchestrator exited; see its console log");
      }
      try {
        int ready = http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        int app = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (ready == 200 && app == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("not ready within " + limit);
  }

  static void run(List<String> command, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    int status = pb.start().waitFor();
    if (status != 0) {
      throw new IllegalStateException(command + " failed (" + status + "): " + Files.readString(log));
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(each);
        }
      }
    }
  }
}
