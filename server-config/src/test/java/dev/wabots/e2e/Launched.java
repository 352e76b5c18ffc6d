package dev.wabots.e2e;

import dev.wabots.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator started the way a user starts it: {@code ./wabots run} with its own port, data
 * and log folders under {@code target/e2e/<name>}, console output in {@code console.log}.
 */
public final class Launched implements AutoCloseable {

  public final Path root = Path.of(System.getProperty("wabots.root", "..")).toAbsolutePath().normalize();
  public final Path dir;
  public final Path data;
  public final Path logs;
  public final Path console;
  /** What the orchestrator's bots share (WABOTS_BOT_CACHE): the Payara runtime, the class-data archive in {@code cds/}. */
  public final Path botCache;
  public final int port;
  public final Process process;
  public final Duration startup;

  private final Map<String, String> env;

  private Launched(String name, Map<String, String> env, boolean fresh, int port) throws IOException, InterruptedException {
    this.env = env;
    dir = Path.of(System.getProperty("wabots.e2e.dir", "target/e2e")).toAbsolutePath().resolve(name);
    if (fresh) {
      stopLeftoverBots(dir.resolve("data"));
      deleteTree(dir);
    }
    data = dir.resolve("data");
    logs = dir.resolve("logs");
    console = dir.resolve(fresh ? "console.log" : "console-" + System.currentTimeMillis() + ".log");
    Files.createDirectories(dir);
    this.port = port;
    // A test run started in the background (nohup, some CI runners) inherits an ignored SIGINT, and
    // the JVM keeps a signal ignored; a terminal's Ctrl-C never is. perl (Debian's essential
    // perl-base) restores the default before exec, so the Ctrl-C test sees what a user's Ctrl-C does.
    ProcessBuilder pb = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
        root.resolve("wabots").toString(), "run")
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile());
    pb.environment().remove("WABOTS_ADMIN_PASSWORD");
    pb.environment().put("WABOTS_PORT", Integer.toString(port));
    pb.environment().put("WABOTS_DATA", data.toString());
    pb.environment().put("WABOTS_LOGS", logs.toString());
    pb.environment().put("WABOTS_SKIP_BUILD", "1");
    // No pre-started spare unless a test asks for one (SpareBotE2EIT): the other tests count
    // processes and read the boot lines of each start.
    pb.environment().put("WABOTS_BOT_SPARES", "0");
    // One unpacked Payara runtime and class-data archive for every test's bots (the first bot of
    // the run trains it; ~20 s and a core for ~15 s per test otherwise). A test that watches the
    // training gives "WABOTS_BOT_CACHE" = "" (the data folder's own).
    pb.environment().put("WABOTS_BOT_CACHE", dir.getParent().resolve("_bot-cache").toString());
    pb.environment().putAll(env);
    String cache = pb.environment().get("WABOTS_BOT_CACHE");
    botCache = cache.isBlank() ? data.resolve("payara") : Path.of(cache);
    long t0 = System.nanoTime();
    process = pb.start();
    try {
      // Generous: CI machines with two cores boot Payara much slower under load.
      awaitReady(Duration.ofSeconds(240));
    } catch (AssertionError | RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      stopLeftoverBots(data);
      throw e;
    }
    startup = Duration.ofNanos(System.nanoTime() - t0);
  }

  public static Launched start(String name, Map<String, String> env) {
    try {
      return new Launched(name, env, true, freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a fresh orchestrator on a port chosen by the caller (its URL is part of {@code env}). */
  public static Launched start(String name, Map<String, String> env, int port) {
    try {
      return new Launched(name, env, true, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts another orchestrator on the same data, logs and port (the old one must be gone). */
  public Launched again() {
    try {
      return new Launched(dir.getFileName().toString(), env, false, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the orchestrator's JVM with SIGKILL, as a crash would. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Runs {@code ./wabots <args>} against this orchestrator's folders; returns exit status and output. */
  public CommandResult wabots(String stdin, String... args) throws IOException, InterruptedException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(root.resolve("wabots").toString());
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("WABOTS_DATA", data.toString());
    pb.environment().put("WABOTS_LOGS", logs.toString());
    pb.environment().put("WABOTS_PORT", Integer.toString(port));
    pb.environment().put("WABOTS_SKIP_BUILD", "1");
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new CommandResult(p.waitFor(), out);
  }

  /** What a command printed and how it ended. */
  public record CommandResult(int status, String output) {}

  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public Api api() {
    return new Api(base());
  }

  public String consoleText() {
    try {
      return Files.readString(console);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("./wabots run exited with " + process.exitValue() + ":\n" + consoleText());
      }
      try {
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(base().resolve("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        // Ready, and the application itself answers (not only Payara's health endpoint).
        if (r.statusCode() == 200 && http.send(HttpRequest.newBuilder(base()).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready within " + limit + " (threads: " + threadDump() + "):\n" + consoleText());
  }

  /** The orchestrator JVM's threads, written beside its logs (for a start that never became ready). */
  private String threadDump() {
    try {
      Path file = logs.resolve("threads-" + System.currentTimeMillis() + ".txt");
      Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print")
          .redirectErrorStream(true).redirectOutput(file.toFile()).start();
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return file.toString();
    } catch (IOException | InterruptedException e) {
      return "none: " + e.getMessage();
    }
  }

  /** Sends SIGINT (what Ctrl-C sends) and waits; returns the exit status. */
  public int interrupt(Duration wait) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not stop within " + wait + " of SIGINT");
    }
    return process.exitValue();
  }

  /** Stops the orchestrator, then every bot it left running (bots outlive it by design). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    stopLeftoverBots(data);
  }

  /** Bots outlive the orchestrator by design; tests must not leave them behind. */
  static void stopLeftoverBots(Path data) {
    Path run = data.resolve("run");
    if (!Files.isDirectory(run)) {
      return;
    }
    try (var files = Files.list(run)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String text = Files.readString(f);
        var m = java.util.regex.Pattern.compile("\"pid\":(\\d+)").matcher(text);
        if (m.find()) {
          ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
          });
        }
      }
    } catch (IOException ignored) {
      // nothing to clean
    }
  }

  /**
   * An address of this machine other than loopback (requests to it come from that address, not from
   * 127.0.0.1), if it has one.
   */
  public static java.util.Optional<String> otherAddress() {
    try {
      return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
          .filter(n -> {
            try {
              return n.isUp() && !n.isLoopback();
            } catch (java.net.SocketException e) {
              return false;
            }
          })
          .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
          .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .map(java.net.InetAddress::getHostAddress)
          .findFirst();
    } catch (java.net.SocketException e) {
      return java.util.Optional.empty();
    }
  }

  /** Ports this test JVM has handed out: a bot keeps its port while stopped, so none twice. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A port free now that no earlier call returned. The system hands out ephemeral ports again once
   * they are closed, and a stopped bot's port is closed but still its own (a second bot given it is
   * refused with 409), so a repeat is skipped.
   */
  public static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    }
  }
}
