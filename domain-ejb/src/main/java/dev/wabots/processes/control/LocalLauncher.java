package dev.wabots.processes.control;

import dev.wabots.platform.NotFound;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Bot processes on this machine: Payara Micro JVMs spawned by {@link ProcessLauncher}, each in its
 * own session (they outlive the orchestrator), remembered in pid files for re-adoption, their
 * output in {@code <logs>/whatsapp_bot_<id>.log}, reached at {@code http://127.0.0.1:<port>} (or
 * the host given). It keeps a pre-started spare ({@link SparePool}) and the shared class-data
 * archive ({@link CdsArchive}), which the first spare trains (JDK 25), else the first bot to start.
 */
public final class LocalLauncher implements Launcher {

  private static final Logger LOG = System.getLogger(LocalLauncher.class.getName());
  /** Payara's line when its boot is over, printed even when the deployment failed (PAYARA-NOTES). */
  static final String PAYARA_READY = ") ready in ";
  /**
   * Payara's line when the application failed to deploy (once in a while at boot for no fault of
   * the bot, e.g. the security service finding no context class loader): nothing will serve.
   */
  static final String PAYARA_DEPLOY_FAILED = "Exception while deploying the app [";
  /** The JVM writing the class-data archive needs a few seconds more to finish it on exit. */
  static final Duration TRAINER_STOP_GRACE = Duration.ofSeconds(30);
  /** A training bot ends its recording this long after it is ready (its start, settled). */
  static final Duration TRAINING_AFTER_READY = Duration.ofSeconds(3);
  /** Writing the cache of an ended recording takes ~10–20 s on two cores; give up after this. */
  static final Duration TRAINING_END_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** How long a thread dump of a bot that never became ready may take. */
  static final Duration THREAD_DUMP_LIMIT = Duration.ofSeconds(10);
  /** The pre-started spares' output, in the log folder. */
  public static final String SPARE_LOG = "spare.log";
  private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final ProcessLauncher processes;
  private final SparePool spares;
  private final Path runDir;
  private final Path logs;
  private final String host;
  private final ScheduledExecutorService scheduler;
  /** Processes recording the class-data archive now (a spare's boot waits for them too). */
  private final java.util.concurrent.atomic.AtomicInteger training = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param host the address bots listen on, as the orchestrator reaches them
   * @param busy whether bots are starting (a spare's boot waits for them)
   */
  public LocalLauncher(ProcessLauncher processes, Path runDir, Path logs, String host, String orchestratorUrl,
      boolean spares, Duration spareDelay, ScheduledExecutorService scheduler, BooleanSupplier busy) {
    this.processes = processes;
    this.runDir = runDir;
    this.logs = logs;
    this.host = host;
    this.scheduler = scheduler;
    this.spares = new SparePool(spares, processes, runDir, logs.resolve(SPARE_LOG), orchestratorUrl, scheduler,
        () -> busy.getAsBoolean() || training.get() > 0, spareDelay);
  }

  public ProcessLauncher processes() {
    return processes;
  }

  @Override
  public BotProcess start(Spec spec) {
    Path log = logFile(spec.instanceId());
    Optional<ProcessLauncher.Spawned> fromSpare = spares.adopt(spec.instanceId(), spec.token(), spec.commandSecret(),
        spec.port(), log);
    Local started;
    if (fromSpare.isPresent()) {
      Process p = fromSpare.get().process();
      // A spare that records the archive goes on recording the bot's start; ready() ends it.
      started = new Local(spec, p.toHandle(), p, Instant.now(), null, null, fromSpare.get().trainsCds(), true);
    } else {
      LogWatch boot = new LogWatch(log, PAYARA_READY); // from the end of the last start's lines
      LogWatch failed = new LogWatch(log, PAYARA_DEPLOY_FAILED);
      ProcessLauncher.Spawned spawned = processes.spawn(new ProcessLauncher.Spec(spec.instanceId(), spec.port(),
          spec.token(), spec.commandSecret(), spec.orchestratorUrl(), log));
      started = new Local(spec, spawned.process().toHandle(), spawned.process(), Instant.now(), boot, failed,
          spawned.trainsCds(), false);
    }
    started.writePidFile();
    return started;
  }

  @Override
  public List<BotProcess> survivors(Predicate<String> known) {
    List<BotProcess> alive = new ArrayList<>();
    if (!Files.isDirectory(runDir)) {
      return alive;
    }
    try (var files = Files.list(runDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
        Optional<PidFile> pid = PidFile.read(file);
        if (pid.isEmpty()) {
          Files.deleteIfExists(file);
          continue;
        }
        PidFile p = pid.get();
        if (p.instanceId().equals(ProcessLauncher.SPARE)) {
          continue; // the spare pool's own
        }
        Optional<ProcessHandle> handle = ProcessTree.find(p.pid(), p.processStart())
            .filter(h -> ProcessTree.commandLine(h).contains("bot-app.war") || ProcessTree.commandLine(h).isEmpty());
        boolean exists = handle.isPresent() && known.test(p.instanceId());
        if (!exists) {
          LOG.log(Level.INFO, "Removing stale pid file of bot {0} (pid {1}: {2})", p.instanceId(), String.valueOf(p.pid()),
              handle.isEmpty() ? "the process is gone" : "the bot no longer exists; its process is stopped");
          handle.ifPresent(h -> ProcessTree.terminate(h, STOP_GRACE));
          Files.deleteIfExists(file);
          continue;
        }
        Spec spec = new Spec(p.instanceId(), p.port(), p.token(), p.tokenId(), p.commandSecret(), null);
        alive.add(new Local(spec, handle.get(), null, p.startedAt(), null, null, false, false));
      }
    } catch (IOException e) {
      LOG.log(Level.ERROR, "Cannot read pid files in {0}: {1}", runDir, e.getMessage());
    }
    return alive;
  }

  @Override
  public Optional<String> portHolder(int port) {
    if (!"127.0.0.1".equals(host)) {
      return Optional.empty(); // bots in another network: this machine's ports say nothing about theirs
    }
    if (PortProbe.isFree(port) || spares.listensOn(port)) {
      return Optional.empty();
    }
    return Optional.of(PortProbe.holder(port).orElse("another process"));
  }

  @Override
  public List<String> logTail(String instanceId, int lines) throws IOException {
    return LogRotation.last(logFile(instanceId), lines);
  }

  @Override
  public void ready(BotProcess process) {
    if (process instanceof Local local && local.trains && processes.cds().endsWhileRunning()) {
      scheduler.schedule(local::endTraining, TRAINING_AFTER_READY.toMillis(), TimeUnit.MILLISECONDS);
    }
    settled();
  }

  /** Starts are over for now: a spare may be booted (it waits itself while bots start). */
  public void settled() {
    spares.replenishIn(Duration.ofSeconds(1));
  }

  @Override
  public Optional<SpareView> spare() {
    SparePool.View v = spares.view();
    return Optional.of(new SpareView(spares.enabled(), v.state(), v.pid(), v.port(), v.since(), v.trains()));
  }

  @Override
  public void close() {
    spares.close(); // a spare serves nobody; the bots keep running
  }

  /** {@code <logs>/whatsapp_bot_<id>.log}; an id that could leave the folder is refused. */
  Path logFile(String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new NotFound("instance", id);
    }
    Path file = logs.resolve("whatsapp_bot_" + id + ".log").normalize();
    if (!file.startsWith(logs)) {
      throw new NotFound("instance", id);
    }
    return file;
  }

  /** A local bot process. */
  private final class Local implements BotProcess {
    private final Spec spec;
    private final ProcessHandle handle;
    private final Process process;
    private final Instant startedAt;
    private final LogWatch boot;
    private final LogWatch deployFailure;
    private final boolean fromSpare;
    private volatile boolean trains;
    /** A stop has begun: the recording is no longer ended while it runs (guarded by this). */
    private boolean stopping;
    /** The ending of this process's class-data recording, while it runs (JDK 25). */
    private volatile CompletableFuture<Void> endingTraining;

    Local(Spec spec, ProcessHandle handle, Process process, Instant startedAt, LogWatch boot, LogWatch deployFailure,
        boolean trains, boolean fromSpare) {
      this.spec = spec;
      this.handle = handle;
      this.process = process;
      this.startedAt = startedAt;
      this.boot = boot;
      this.deployFailure = deployFailure;
      this.trains = trains;
      this.fromSpare = fromSpare;
      if (trains) {
        training.incrementAndGet();
      }
    }

    /** The recording is over for this process (ended, or the process exited): once. */
    private synchronized boolean trainingOver() {
      if (!trains) {
        return false;
      }
      trains = false;
      training.decrementAndGet();
      return true;
    }

    @Override
    public String instanceId() {
      return spec.instanceId();
    }

    @Override
    public long pid() {
      return handle.pid();
    }

    @Override
    public int port() {
      return spec.port();
    }

    @Override
    public String address() {
      return "http://" + host + ":" + spec.port();
    }

    @Override
    public Instant startedAt() {
      return startedAt;
    }

    @Override
    public String token() {
      return spec.token();
    }

    @Override
    public String tokenId() {
      return spec.tokenId();
    }

    @Override
    public String commandSecret() {
      return spec.commandSecret();
    }

    @Override
    public boolean alive() {
      return handle.isAlive();
    }

    @Override
    public CompletionStage<Void> onExit() {
      return handle.onExit().thenApply(h -> null);
    }

    @Override
    public Integer exitCode() {
      return process == null || process.isAlive() ? null : process.exitValue();
    }

    @Override
    public boolean booted() {
      // A spare answered the hand-over: its runtime booted long ago, so the deploy grace applies
      // from the first poll (a hand-over that never serves is caught in 30 s, not 180).
      return fromSpare || boot != null && boot.seen();
    }

    @Override
    public boolean deployFailed() {
      // A spare deployed the application before it was handed over (its pool checks that).
      return deployFailure != null && deployFailure.seen();
    }

    @Override
    public boolean fromSpare() {
      return fromSpare;
    }

    @Override
    public boolean busyOnStop() {
      return trains;
    }

    @Override
    public boolean stop(Duration grace) {
      // First, under the monitor of endTraining: a recording being ended is awaited below; one not
      // yet ended is left to the exit, where the trainer writes its cache itself. A jcmd against
      // an exiting trainer failed and took the half-written cache with it (the next start trained
      // again, and no spare could boot).
      synchronized (this) {
        stopping = true;
      }
      awaitTrainingEnd();
      Duration g = trains ? TRAINER_STOP_GRACE : grace;
      boolean clean = ProcessTree.terminate(handle, g);
      if (!clean) {
        LOG.log(Level.WARNING, "Bot {0} did not stop within {1} s of SIGTERM: killed", spec.instanceId(), g.toSeconds());
      }
      return clean;
    }

    /**
     * {@code jcmd <pid> Thread.print} into the bot's log, under a header line; at most
     * {@link #THREAD_DUMP_LIMIT} (a JVM that does not answer its attach request is left to the stop).
     */
    @Override
    public void dumpThreads(String why) {
      Path jcmd = processes.java().jcmd();
      if (!handle.isAlive() || !Files.isExecutable(jcmd)) {
        return;
      }
      Path log = logFile(spec.instanceId());
      try {
        Files.writeString(log, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ==== threads of bot "
            + spec.instanceId() + " (pid " + handle.pid() + "), " + why + " ====\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process dump = processes.java().jcmd(log, Long.toString(handle.pid()), "Thread.print");
        if (!dump.waitFor(THREAD_DUMP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          ProcessTree.terminate(dump.toHandle(), Duration.ofSeconds(1));
          LOG.log(Level.WARNING, "Bot {0}: no thread dump within {1} s", spec.instanceId(), THREAD_DUMP_LIMIT.toSeconds());
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Bot {0}: cannot dump its threads: {1}", spec.instanceId(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void forget(boolean cleanExit) {
      if (trainingOver()) {
        processes.cds().trainerExited(cleanExit);
      }
      PidFile.delete(runDir, spec.instanceId());
    }

    void writePidFile() {
      try {
        new PidFile(spec.instanceId(), handle.pid(), handle.info().startInstant().orElse(null), spec.port(), startedAt,
            spec.tokenId(), spec.token(), spec.commandSecret()).write(runDir);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Cannot write the pid file of bot {0}: {1}", spec.instanceId(), e.getMessage());
      }
    }

    /**
     * A training bot (JDK 25) that is ready ends its recording: the cache covers its start, is
     * written now by a JVM the bot starts, and serves the next bot to start — not only after this
     * one stops. Never blocks the scheduler: the jcmd's exit is handled when it comes.
     */
    synchronized void endTraining() {
      if (!trains || stopping || !handle.isAlive()) {
        return;
      }
      long pid = handle.pid();
      Path log = logFile(spec.instanceId());
      Process jcmd;
      try {
        jcmd = processes.cds().endRecording(pid, log);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Cannot end the class-data recording of bot {0}: {1}; the cache is written when it stops",
            spec.instanceId(), e.getMessage());
        return;
      }
      trainingOver();
      long t0 = System.nanoTime();
      ScheduledFuture<?> timeout = scheduler.schedule(() -> ProcessTree.terminate(jcmd.toHandle(), STOP_GRACE),
          TRAINING_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      endingTraining = jcmd.onExit().thenAcceptAsync(p -> {
        timeout.cancel(false);
        processes.cds().trainerExited(p.exitValue() == 0);
        try {
          processes.cds().releaseRecordingMemory(pid, log);
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "Bot {0}: cannot trim its native heap: {1}", spec.instanceId(), e.getMessage());
        }
        LOG.log(Level.INFO, "Bot {0} ended its class-data recording in {1} ms (jcmd exit {2}): {3}", spec.instanceId(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), p.exitValue(),
            Files.isRegularFile(processes.cds().archive()) ? "cache " + processes.cds().archive().getFileName() : "no cache");
      }, scheduler);
    }

    /** A stop while the recording is being ended lets the cache be finished first (bounded). */
    private void awaitTrainingEnd() {
      var ending = endingTraining;
      if (ending == null || ending.isDone()) {
        return;
      }
      try {
        ending.get(TRAINING_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        LOG.log(Level.WARNING, "Bot {0}: the class-data recording did not end cleanly: {1}", spec.instanceId(),
            e.toString());
      }
    }
  }
}
