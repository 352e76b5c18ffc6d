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
 *
 * <p>Until the class-data archive exists (a fresh installation, a new JDK or build), the spare is
 * its trainer (JDK 25's AOT cache, whose recording can be ended while the JVM runs): it records
 * its own boot while nobody waits for it, then the start of the first bot handed to it, and the
 * supervisor ends the recording once that bot is ready ({@link LocalLauncher}). The first start of
 * a fresh installation is then a hand-over, not a training boot (BENCHMARKS.md, bot start).
 */
public final class SparePool {

  private static final Logger LOG = System.getLogger(SparePool.class.getName());
  /** A spare not booted this long after its spawn is killed and replaced later. */
  static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
  /** How long a start waits for a spare that is still booting. */
  static final Duration BOOT_WAIT = Duration.ofSeconds(10);
  /**
   * The same for a spare that trains the archive: it boots slower (~17 s on two cores), and a start
   * that gave up on it would boot without any archive beside it, slower still.
   */
  static final Duration TRAINING_BOOT_WAIT = Duration.ofSeconds(20);
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
  private final HttpClient http = BotHttp.client();

  private Spare spare;
  private boolean scheduled;
  private boolean closed;
  private boolean reportedImpossible;

  /**
   * One spare process: its port, the secret it accepts a bot with, whether it records the
   * class-data archive, whether a bot has it now (its exit is then the bot's), and the watch on its
   * log for a deployment Payara reports failed.
   */
  private record Spare(Process process, int port, String secret, Instant spawnedAt, AtomicBoolean ready, boolean trains,
      AtomicBoolean handedOver, LogWatch deployFailure) {}

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

  /**
   * What there is now: {@code none}, {@code booting} or {@code ready}, with pid, port, spawn time and
   * whether it trains the class-data archive.
   */
  public record View(String state, Long pid, Integer port, Instant since, boolean trains) {}

  public synchronized View view() {
    Spare s = spare;
    if (s == null || !s.process().isAlive()) {
      return new View("none", null, null, null, false);
    }
    return new View(s.ready().get() ? "ready" : "booting", s.process().pid(), s.port(), s.spawnedAt(), s.trains());
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
          LOG.log(Level.INFO, "No pre-started spare yet: it needs the shared Payara runtime, bots on JDK 22 or later"
              + " (bots run on {0}) and, before JDK 25, a trained class-data archive; checked again later", launcher.java());
        }
        replenishIn(quiet);
        return;
      }
      try {
        int port = freePort();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LogWatch deployFailure = new LogWatch(logFile, LocalLauncher.PAYARA_DEPLOY_FAILED); // from the log's end
        ProcessLauncher.Spawned spawned = launcher.spawnSpare(port, secret, orchestratorUrl, logFile);
        Process process = spawned.process();
        Spare s = new Spare(process, port, secret, Instant.now(), new AtomicBoolean(), spawned.trainsCds(),
            new AtomicBoolean(), deployFailure);
        spare = s;
        writePidFile(s);
        process.onExit().thenRun(() -> exited(s));
        if (s.trains()) {
          // A trainer no bot took (stopped, failed, killed): its recording is over; a complete
          // cache written at its exit is kept, anything else dropped. A bot's is the bot's affair.
          process.onExit().thenRun(() -> {
            if (!s.handedOver().get()) {
              launcher.cds().trainerExited(process.exitValue() == 0);
            }
          });
        }
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
          LOG.log(Level.INFO, "Pre-started spare ready on port {0} (pid {1}, {2} ms after its spawn{3})", String.valueOf(s.port()),
              String.valueOf(s.process().pid()), String.valueOf(Duration.between(s.spawnedAt(), Instant.now()).toMillis()),
              s.trains() ? "; it records the class-data archive until the first bot handed to it is ready" : "");
        }
      }
      return;
    }
    if (s.deployFailure().seen()) {
      // Payara serves on without the application: it would never answer as a spare.
      LOG.log(Level.WARNING, "Pre-started spare (pid {0}): its application failed to deploy; stopping it (see {1})",
          String.valueOf(s.process().pid()), logFile);
      discard(s);
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
   * line in the bot's log says so), with whether it still records the class-data archive; empty
   * when there is no ready spare or the hand-over failed.
   */
  public Optional<ProcessLauncher.Spawned> adopt(String id, String token, String commandSecret, int port, Path botLog) {
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
      // Its exit is the bot's from now on. (Should it die in between, the recording is released
      // twice: harmless, both drop the same incomplete file.)
      s.handedOver().set(true);
      LOG.log(Level.INFO, "Bot {0} starts from the pre-started spare (pid {1}{2})", id, String.valueOf(s.process().pid()),
          s.trains() ? ", which records the class-data archive" : "");
      return Optional.of(new ProcessLauncher.Spawned(s.process(), s.trains()));
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
   * (at most {@link #BOOT_WAIT}, {@link #TRAINING_BOOT_WAIT} for a trainer) rather than boot a
   * second JVM beside it.
   */
  private boolean awaitBooted(Spare s) {
    long deadline = System.nanoTime() + (s.trains() ? TRAINING_BOOT_WAIT : BOOT_WAIT).toNanos();
    while (System.nanoTime() < deadline && s.process().isAlive() && !s.deployFailure().seen()) {
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
