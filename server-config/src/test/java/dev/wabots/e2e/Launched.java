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
  public final int port;
  public final Process process;
  public final Duration startup;

  private Launched(String name, Map<String, String> env) throws IOException, InterruptedException {
    dir = Path.of(System.getProperty("wabots.e2e.dir", "target/e2e")).toAbsolutePath().resolve(name);
    deleteTree(dir);
    data = dir.resolve("data");
    logs = dir.resolve("logs");
    console = dir.resolve("console.log");
    Files.createDirectories(dir);
    port = freePort();
    ProcessBuilder pb = new ProcessBuilder(root.resolve("wabots").toString(), "run")
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(console.toFile());
    pb.environment().remove("WABOTS_ADMIN_PASSWORD");
    pb.environment().put("WABOTS_PORT", Integer.toString(port));
    pb.environment().put("WABOTS_DATA", data.toString());
    pb.environment().put("WABOTS_LOGS", logs.toString());
    pb.environment().put("WABOTS_SKIP_BUILD", "1");
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    process = pb.start();
    awaitReady(Duration.ofSeconds(120));
    startup = Duration.ofNanos(System.nanoTime() - t0);
  }

  public static Launched start(String name, Map<String, String> env) {
    try {
      return new Launched(name, env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

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
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready within " + limit + ":\n" + consoleText());
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
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
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
