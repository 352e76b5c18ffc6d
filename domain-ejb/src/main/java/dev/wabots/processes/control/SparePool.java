package dev.wabots.processes.control;

import jakarta.json.Json;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A pre-started spare bot process: Payara Micro and bot-app booted in advance, without a bot, on a
 * port of their own. A start takes the spare when one is ready — it points its output at the bot's
 * log, takes the bot's identity, runs the bot's own start sequence and moves its HTTP listener to
 * the bot's webhook port ({@code POST /internal/adopt}) — instead of booting a JVM and Payara
 * (BENCHMARKS.md, bot start). A new spare is booted when the machine is quiet again. Costs one idle
 * bot's memory ({@code wabots.bot.spares}: 1, the default, or 0). A failed hand-over kills the spare and
 * the start goes on the ordinary way.
 */
public final class SparePool {

  private static final Logger LOG = System.getLogger(SparePool.class.getName());
  /** A spare not booted this long after its spawn is killed and replaced later. */
  static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
  /** How long a start waits for a spare that is still booting. */
  static final Duration BOOT_WAIT = Duration.ofSeconds(10);
  /** After a spare died or failed: wait this long before the next one. */
  static final Duration AFTER_FAILURE = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProcessLauncher launcher;
  private final Path runDir;
  private final Path logFile;
  private final String orchestratorUrl;
  private final ScheduledExecutorService scheduler;
  private final BooleanSupplier busy;
  private final Duration quiet;
  private final boolean wanted;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Spare spare;
  private boolean scheduled;
  private boolean closed;
  private boolean reportedImpossible;

  /** One spare process: its port and the secret it accepts a bot with. */
  private record Spare(Process process, int port, String secret, Instant spawnedAt, AtomicBoolean ready) {}

  /**
   * @param busy whether bots are starting now (a spare's boot would compete with them for the CPU)
   * @param quiet how long to wait after a hand-over or at start before booting a spare
   */
  public SparePool(boolean wanted, ProcessLauncher launcher, Path runDir, Path logFile, String orchestratorUrl,
      ScheduledExecutorService scheduler, BooleanSupplier busy, Duration quiet) {
    this.wanted = wanted;
    this.launcher = launcher;
    this.runDir = runDir;
    this.logFile = logFile;
    this.orchestratorUrl = orchestratorUrl;
    this.scheduler = scheduler;
    this.busy = busy;
    this.quiet = quiet;
  }

  public boolean enabled() {
    return wanted;
  }

  /** What there is now: {@code none}, {@code booting} or {@code ready}, with pid, port and spawn time. */
  public record View(String state, Long pid, Integer port, Instant since) {}

  public synchronized View view() {
    Spare s = spare;
    if (s == null || !s.process().isAlive()) {
      return new View("none", null, null, null);
    }
    return new View(s.ready().get() ? "ready" : "booting", s.process().pid(), s.port(), s.spawnedAt());
  }

  /** Whether the spare listens on {@code port} (a bot started on it takes the spare, port and all). */
  public synchronized boolean listensOn(int port) {
    return spare != null && spare.port() == port && spare.process().isAlive();
  }

  /** Boots a spare after {@code delay} unless one is there or already planned. */
  public synchronized void replenishIn(Duration delay) {
    if (!wanted || closed || scheduled || (spare != null && spare.process().isAlive())) {
      return;
    }
    scheduled = true;
    scheduler.schedule(this::replenish, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void replenish() {
    synchronized (this) {
      scheduled = false;
      if (closed || (spare != null && spare.process().isAlive())) {
        return;
      }
      if (busy.getAsBoolean()) {
        replenishIn(quiet);
        return;
      }
      if (!launcher.sparesPossible()) {
        if (!reportedImpossible) {
          reportedImpossible = true;
          LOG.log(Level.INFO, "No pre-started spare yet: it needs the shared Payara runtime, a trained class-data archive"
              + " and bots on JDK 22 or later (bots run on {0}); checked again later", launcher.java());
        }
        replenishIn(quiet);
        return;
      }
      try {
        int port = freePort();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Process process = launcher.spawnSpare(port, secret, orchestratorUrl, logFile).process();
        Spare s = new Spare(process, port, secret, Instant.now(), new AtomicBoolean());
        spare = s;
        writePidFile(s);
        process.onExit().thenRun(() -> exited(s));
        scheduler.schedule(() -> pollBooted(s), 500, TimeUnit.MILLISECONDS);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot start a pre-started spare: {0}; trying again in {1} s", e.getMessage(),
            AFTER_FAILURE.toSeconds());
        replenishIn(AFTER_FAILURE);
      }
    }
  }

  private void pollBooted(Spare s) {
    synchronized (this) {
      if (spare != s || closed || !s.process().isAlive()) {
        return;
      }
    }
    if (answersAsSpare(s.port())) {
      synchronized (this) {
        if (spare == s) {
          s.ready().set(true);
          LOG.log(Level.INFO, "Pre-started spare ready on port {0} (pid {1}, {2} ms after its spawn)", String.valueOf(s.port()),
              String.valueOf(s.process().pid()), String.valueOf(Duration.between(s.spawnedAt(), Instant.now()).toMillis()));
        }
      }
      return;
    }
    if (Duration.between(s.spawnedAt(), Instant.now()).compareTo(BOOT_TIMEOUT) > 0) {
      LOG.log(Level.WARNING, "Pre-started spare (pid {0}) not booted within {1} s: stopping it (see {2})",
          String.valueOf(s.process().pid()), BOOT_TIMEOUT.toSeconds(), logFile);
      discard(s);
      return;
    }
    scheduler.schedule(() -> pollBooted(s), 200, TimeUnit.MILLISECONDS);
  }

  private void exited(Spare s) {
    synchronized (this) {
      if (spare != s) {
        return; // handed over (its exit is the bot's now) or discarded
      }
      spare = null;
      PidFile.delete(runDir, ProcessLauncher.SPARE);
      if (closed) {
        return;
      }
      LOG.log(Level.WARNING, "Pre-started spare (pid {0}) exited with status {1}; another in {2} s (see {3})",
          String.valueOf(s.process().pid()), s.process().exitValue(), AFTER_FAILURE.toSeconds(), logFile);
    }
    replenishIn(AFTER_FAILURE);
  }

  /**
   * Hands the ready spare the bot {@code id}: on success its process is now the bot's (a header
   * line in the bot's log says so); empty when there is no ready spare or the hand-over failed.
   */
  public Optional<Process> adopt(String id, String token, String commandSecret, int port, Path botLog) {
    Spare s;
    synchronized (this) {
      s = spare;
    }
    if (s == null || !s.process().isAlive()) {
      return Optional.empty();
    }
    if (!s.ready().get() && !awaitBooted(s)) {
      return Optional.empty();
    }
    synchronized (this) {
      if (spare != s) {
        return Optional.empty(); // taken by another start meanwhile, or gone
      }
      spare = null; // never handed to two bots
      PidFile.delete(runDir, ProcessLauncher.SPARE);
    }
    try {
      Files.createDirectories(botLog.getParent());
      Files.writeString(botLog, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ==== bot " + id
          + " starting from a pre-started spare, pid " + s.process().pid() + " ====\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      String body = Json.createObjectBuilder().add("instance_id", id).add("token", token).add("port", port)
          .add("command_secret", commandSecret).add("log", botLog.toAbsolutePath().toString()).build().toString();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/internal/adopt"))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + s.secret())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202) {
        throw new IOException("the spare answered HTTP " + r.statusCode() + ": " + r.body());
      }
      LOG.log(Level.INFO, "Bot {0} starts from the pre-started spare (pid {1})", id, String.valueOf(s.process().pid()));
      return Optional.of(s.process());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Handing bot {0} to the pre-started spare failed: {1}; starting it the ordinary way", id,
          e.getMessage());
      ProcessTree.terminate(s.process().toHandle(), Duration.ofSeconds(5));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessTree.terminate(s.process().toHandle(), Duration.ofSeconds(5));
      return Optional.empty();
    } finally {
      replenishIn(quiet);
    }
  }

  /**
   * A spare still booting is nearer to serving than a new process would be: the start waits for it
   * (at most {@link #BOOT_WAIT}) rather than boot a second JVM beside it.
   */
  private boolean awaitBooted(Spare s) {
    long deadline = System.nanoTime() + BOOT_WAIT.toNanos();
    while (System.nanoTime() < deadline && s.process().isAlive()) {
      if (answersAsSpare(s.port())) {
        s.ready().set(true);
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Stops the spare (the orchestrator shuts down: a spare serves nobody). */
  public void close() {
    Spare s;
    synchronized (this) {
      closed = true;
      s = spare;
      spare = null;
      PidFile.delete(runDir, ProcessLauncher.SPARE);
    }
    if (s != null) {
      ProcessTree.terminate(s.process().toHandle(), Duration.ofSeconds(5));
    }
  }

  private void discard(Spare s) {
    synchronized (this) {
      if (spare == s) {
        spare = null;
        PidFile.delete(runDir, ProcessLauncher.SPARE);
      }
    }
    ProcessTree.terminate(s.process().toHandle(), Duration.ofSeconds(5));
    replenishIn(AFTER_FAILURE);
  }

  /**
   * Booted, and a spare: the hand-over servlet itself answers that it waits (health answers a
   * little earlier, while Payara still loads the web module and would refuse the hand-over).
   */
  private boolean answersAsSpare(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/adopt"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"waiting\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void writePidFile(Spare s) {
    try {
      ProcessHandle h = s.process().toHandle();
      new PidFile(ProcessLauncher.SPARE, h.pid(), h.info().startInstant().orElse(null), s.port(), s.spawnedAt(), "", "", "")
          .write(runDir);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot write the pid file of the pre-started spare: {0}", e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
