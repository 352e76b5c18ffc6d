package dev.wabots.processes.control;

import dev.wabots.platform.Conflict;
import dev.wabots.platform.Invalid;
import dev.wabots.processes.entity.ProcessState;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Keeps each bot's process as people asked: started, stopped, watched, restarted after a crash
 * (1 s doubling to 60 s), stopped as a crash when it never becomes ready, given up on in a crash
 * loop, and re-adopted from an earlier orchestrator. Where processes run is the {@link Launcher}'s
 * business; readiness is asked of the bot over HTTP. Each bot has its own lock, so two starts at
 * once make one process and different bots never wait for each other.
 */
public final class Supervisor {

  private static final Logger LOG = System.getLogger(Supervisor.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int CRASH_LOG_LINES = 20;

  /** What the supervisor needs from the orchestrator around it. */
  public interface Environment {
    /** The bot's port if it may still run (read fresh: it may have been disabled or deleted). */
    Optional<Integer> portToRestart(String id);

    /** A new token for the process about to start: {@code [token, tokenId]}. */
    String[] issueToken(String id);

    /** The bot has no process any more: its token stops working. */
    void revokeToken(String id);

    /** A re-adopted process keeps its token. */
    void adoptToken(String id, String tokenId);

    /** The bot crashed too often and is no longer restarted: its owner should hear of it. */
    default void crashLoop(String id, String reason) {}
  }

  /** Whether a bot at {@code address} says it is ready (its own check, not merely some 200). */
  @FunctionalInterface
  public interface ReadyProbe {
    boolean ready(String address);

    /** What the readiness endpoint answers now, in words, for a log line; null when unknown. */
    default String seen(String address) {
      return null;
    }
  }

  /**
   * @param readyTimeout a start not ready this long after it is stopped and handled as a crash
   * @param deployGrace ... or this long after its runtime finished booting (a failed deployment)
   * @param stopGrace how long a bot has between the polite signal and force
   * @param startParallel how many bots the auto-start boots at once
   */
  public record Settings(Duration readyTimeout, Duration deployGrace, Duration stopGrace, int startParallel,
      Duration readyPoll, Duration firstRestartDelay) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(180), Duration.ofSeconds(30), Duration.ofSeconds(5), 2,
          Duration.ofMillis(200), Duration.ofSeconds(1));
    }
  }

  /** A start's answer. */
  public record Started(String status, long pid) {}

  /** A bot's process as the supervisor sees it now. */
  public record View(ProcessState state, Launcher.BotProcess process, int restarts, Integer lastExitCode,
      String lastExitReason, Instant lastExitAt, List<String> lastLogLines) {}

  private final Launcher launcher;
  private final ScheduledExecutorService scheduler;
  private final ReadyProbe probe;
  private final Environment environment;
  private final Settings settings;
  private final String orchestratorUrl;
  private final Clock clock;
  private final Map<String, Supervised> bots = new ConcurrentHashMap<>();
  private final ArrayDeque<String> autoStartQueue = new ArrayDeque<>();
  private volatile boolean shuttingDown;

  public Supervisor(Launcher launcher, ScheduledExecutorService scheduler, ReadyProbe probe, Environment environment,
      Settings settings, String orchestratorUrl, Clock clock) {
    this.launcher = launcher;
    this.scheduler = scheduler;
    this.probe = probe;
    this.environment = environment;
    this.settings = settings;
    this.orchestratorUrl = orchestratorUrl;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- commands

  /**
   * Starts the bot's process unless one runs.
   *
   * @param byPerson a person's start forgives earlier crashes (a crash loop ends)
   * @throws Invalid when the bot is disabled
   * @throws Conflict when its port is taken (naming what holds it when {@code byAdmin})
   */
  public Started start(String id, int port, boolean enabled, boolean byPerson) {
    return start(id, port, enabled, byPerson, false);
  }

  /** As {@link #start(String, int, boolean, boolean)}; an admin is told which process holds a port. */
  public Started start(String id, int port, boolean enabled, boolean byPerson, boolean byAdmin) {
    if (!enabled) {
      throw Invalid.of("enabled", "bot '" + id + "' is disabled; enable it before starting");
    }
    Supervised s = supervised(id);
    s.lock.lock();
    try {
      if (s.state.hasProcess() && s.process != null && s.process.alive()) {
        return new Started("already_running", s.process.pid());
      }
      if (byPerson) {
        s.crashes.reset();
      }
      cancelRestart(s);
      return spawn(s, port, byAdmin);
    } finally {
      s.lock.unlock();
    }
  }

  /** Stops the bot's process; @return whether one was running. */
  public boolean stop(String id) {
    Supervised s = bots.get(id);
    if (s == null) {
      return false;
    }
    s.lock.lock();
    try {
      cancelRestart(s);
      Launcher.BotProcess p = s.process;
      boolean wasRunning = p != null && p.alive();
      if (wasRunning) {
        s.expectingExit = true;
        LOG.log(Level.INFO, "Stopping bot {0} (pid {1})", id, String.valueOf(p.pid()));
        boolean clean = p.stop(settings.stopGrace());
        p.forget(clean);
      } else if (p != null) {
        p.forget(false);
      }
      s.state = ProcessState.STOPPED;
      s.process = null;
      s.generation++;
      environment.revokeToken(id);
      return wasRunning;
    } finally {
      s.lock.unlock();
    }
  }

  /** Stops the bot and forgets it (deleted). */
  public void forget(String id) {
    stop(id);
    bots.remove(id);
  }

  /** The state for lists. */
  public ProcessState state(String id) {
    Supervised s = bots.get(id);
    return s == null ? ProcessState.STOPPED : s.state;
  }

  /** The bot's process and history now. */
  public View view(String id) {
    Supervised s = bots.get(id);
    if (s == null) {
      return new View(ProcessState.STOPPED, null, 0, null, null, null, List.of());
    }
    Launcher.BotProcess p = s.process;
    return new View(s.state, p != null && p.alive() ? p : null, s.restarts, s.lastExitCode, s.lastExitReason,
        s.lastExitAt, s.lastLogLines);
  }

  /** Whether any bot is booting now or waits for its auto-start (a spare's boot would compete). */
  public boolean starting() {
    synchronized (autoStartQueue) {
      if (!autoStartQueue.isEmpty()) {
        return true;
      }
    }
    return bots.values().stream().anyMatch(b -> b.state == ProcessState.STARTING);
  }

  /** Bots still running from an earlier orchestrator whose bot still exists: watched again, not started twice. */
  public void adoptSurvivors(Predicate<String> known) {
    for (Launcher.BotProcess p : launcher.survivors(known)) {
      Supervised s = supervised(p.instanceId());
      s.lock.lock();
      try {
        s.generation++;
        s.process = p;
        s.expectingExit = false;
        s.bootedAt = null;
        s.startedAt = p.startedAt();
        environment.adoptToken(p.instanceId(), p.tokenId());
        s.state = probe.ready(p.address()) ? ProcessState.RUNNING : ProcessState.STARTING;
        LOG.log(Level.INFO, "Re-adopted bot {0}: pid {1}, port {2}, {3}", p.instanceId(), String.valueOf(p.pid()),
            String.valueOf(p.port()), s.state.id());
        watch(s, s.generation);
      } finally {
        s.lock.unlock();
      }
    }
  }

  /**
   * Starts the given bots, {@link Settings#startParallel} at a time (two cores are not swamped by
   * twenty JVMs booting); {@code starter} starts one in a transaction of its own.
   */
  public void autoStart(List<String> ids, java.util.function.Consumer<String> starter) {
    synchronized (autoStartQueue) {
      ids.stream().filter(id -> !state(id).hasProcess()).forEach(autoStartQueue::add);
      if (autoStartQueue.isEmpty()) {
        return;
      }
      LOG.log(Level.INFO, "Auto-starting {0} bot(s), {1} at a time", autoStartQueue.size(), settings.startParallel());
    }
    scheduler.schedule(() -> drainAutoStart(starter), 0, TimeUnit.MILLISECONDS);
  }

  /** The orchestrator stops: our own tasks end; bots keep serving Meta. */
  public void shutdown() {
    shuttingDown = true;
    bots.values().forEach(this::cancelRestart);
  }

  // ---------------------------------------------------------------- supervision

  private Supervised supervised(String id) {
    return bots.computeIfAbsent(id, i -> new Supervised(i, new CrashPolicy(settings.firstRestartDelay())));
  }

  /** Spawns under the bot's lock; refuses a port that something else listens on. */
  private Started spawn(Supervised s, int port, boolean byAdmin) {
    Optional<String> holder = launcher.portHolder(port);
    if (holder.isPresent()) {
      String who = bots.values().stream()
          .filter(o -> o != s && o.process != null && o.process.port() == port && o.state.hasProcess())
          .map(o -> "bot '" + o.id + "'")
          .findFirst()
          .orElse(holder.get());
      LOG.log(Level.WARNING, "Bot {0} not started: port {1} is in use by {2}", s.id, String.valueOf(port), who);
      throw Conflict.onField("webhook_port", PortProbe.inUse(port, who, byAdmin));
    }
    String[] token = environment.issueToken(s.id);
    Launcher.BotProcess p = launcher.start(
        new Launcher.Spec(s.id, port, token[0], token[1], secret(), orchestratorUrl));
    s.generation++;
    s.process = p;
    s.startedAt = clock.instant();
    s.state = ProcessState.STARTING;
    s.expectingExit = false;
    s.notReadyReason = null;
    s.bootedAt = null;
    watch(s, s.generation);
    return new Started("started", p.pid());
  }

  private void watch(Supervised s, long generation) {
    s.process.onExit().thenRunAsync(() -> exited(s, generation), scheduler);
    Instant since = clock.instant();
    scheduler.schedule(() -> pollReady(s, generation, since), 300, TimeUnit.MILLISECONDS);
  }

  private void pollReady(Supervised s, long generation, Instant since) {
    if (shuttingDown || s.generation != generation || s.state != ProcessState.STARTING) {
      return;
    }
    Launcher.BotProcess p = s.process;
    if (p != null && probe.ready(p.address())) {
      s.lock.lock();
      try {
        if (s.generation == generation && s.state == ProcessState.STARTING) {
          s.state = ProcessState.RUNNING;
          LOG.log(Level.INFO, "Bot {0} is ready on port {1} ({2} ms after start)", s.id, String.valueOf(p.port()),
              String.valueOf(Duration.between(s.startedAt, clock.instant()).toMillis()));
          launcher.ready(p);
        }
      } finally {
        s.lock.unlock();
      }
      return;
    }
    Instant now = clock.instant();
    if (p != null && p.deployFailed()) {
      // Payara serves on without the application: nothing to wait for, and its log has the stack.
      notReady(s, generation, "its application failed to deploy (see its log)", false);
      return;
    }
    if (s.bootedAt == null && p != null && p.booted()) {
      s.bootedAt = now;
    }
    if (s.bootedAt != null && Duration.between(s.bootedAt, now).compareTo(settings.deployGrace()) >= 0) {
      notReady(s, generation, "not ready " + settings.deployGrace().toSeconds() + (p != null && p.fromSpare()
          ? " s after the pre-started spare took it over (its listener never served on the bot's port, or the bot"
              + " cannot open its database: see its log)"
          : " s after Payara finished booting (the deployment failed or the bot cannot open its database: see its log)"),
          true);
      return;
    }
    if (Duration.between(since, now).compareTo(settings.readyTimeout()) >= 0) {
      notReady(s, generation, "not ready within " + settings.readyTimeout().toSeconds() + " s of its start", true);
      return;
    }
    scheduler.schedule(() -> pollReady(s, generation, since), settings.readyPoll().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A start that never became ready serves nothing: the process is stopped and its exit handled
   * like a crash (restart with backoff, crash loop after repeated failures), with this reason.
   */
  private void notReady(Supervised s, long generation, String why, boolean dumpThreads) {
    s.lock.lock();
    try {
      if (shuttingDown || s.generation != generation || s.state != ProcessState.STARTING || s.process == null) {
        return;
      }
      String seen = probe.seen(s.process.address());
      s.notReadyReason = seen == null ? why : why + "; its readiness answered " + seen;
      LOG.log(Level.WARNING, "Bot {0} (pid {1}) {2}; stopping it{3}, the watchdog restarts it", s.id,
          String.valueOf(s.process.pid()), s.notReadyReason, dumpThreads ? " (its threads' stacks go to its log first)" : "");
      if (dumpThreads) {
        s.process.dumpThreads(why);
      }
      // expectingExit stays false: exited() sees the exit and applies the crash rules.
      s.process.stop(settings.stopGrace());
    } finally {
      s.lock.unlock();
    }
  }

  private void exited(Supervised s, long generation) {
    if (shuttingDown) {
      return;
    }
    s.lock.lock();
    try {
      if (s.generation != generation || s.expectingExit) {
        return;
      }
      Launcher.BotProcess p = s.process;
      Integer code = p == null ? null : p.exitCode();
      s.lastExitCode = code;
      s.lastExitAt = clock.instant();
      s.lastExitReason = s.notReadyReason == null ? reason(code) : s.notReadyReason + "; stopped by the supervisor";
      s.notReadyReason = null;
      try {
        s.lastLogLines = launcher.logTail(s.id, CRASH_LOG_LINES);
      } catch (IOException | RuntimeException e) {
        s.lastLogLines = List.of();
      }
      if (p != null) {
        p.forget(false);
      }
      s.process = null;
      environment.revokeToken(s.id);
      CrashPolicy.Decision decision = s.crashes.crashed(clock.instant(), s.startedAt);
      if (decision.loop()) {
        s.state = ProcessState.CRASH_LOOP;
        LOG.log(Level.ERROR, "Bot {0} crashed {1} times within {2} minutes ({3}); not restarting until started by hand",
            s.id, CrashPolicy.LOOP_CRASHES, CrashPolicy.LOOP_WINDOW.toMinutes(), s.lastExitReason);
        String reason = s.lastExitReason;
        scheduler.execute(() -> environment.crashLoop(s.id, reason)); // not under the bot's lock
        return;
      }
      s.state = ProcessState.CRASHED;
      LOG.log(Level.WARNING, "Bot {0} exited unexpectedly ({1}); restarting in {2} s",
          s.id, s.lastExitReason, decision.delay().toSeconds());
      long next = s.generation;
      s.pendingRestart = scheduler.schedule(() -> restartAfterCrash(s, next), decision.delay().toMillis(),
          TimeUnit.MILLISECONDS);
    } finally {
      s.lock.unlock();
    }
  }

  private void restartAfterCrash(Supervised s, long generation) {
    s.lock.lock();
    try {
      if (shuttingDown || s.generation != generation || s.state != ProcessState.CRASHED) {
        return;
      }
      s.pendingRestart = null;
      Optional<Integer> port = environment.portToRestart(s.id);
      if (port.isEmpty()) {
        s.state = ProcessState.STOPPED;
        return;
      }
      s.restarts++;
      spawn(s, port.get(), false);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "Restart of bot {0} failed: {1}", s.id, e.getMessage());
      s.state = ProcessState.CRASHED;
      s.lastExitReason = "restart failed: " + e.getMessage();
      long next = s.generation;
      s.pendingRestart = scheduler.schedule(() -> restartAfterCrash(s, next), 10, TimeUnit.SECONDS);
    } finally {
      s.lock.unlock();
    }
  }

  private void drainAutoStart(java.util.function.Consumer<String> starter) {
    if (shuttingDown) {
      return;
    }
    long starting = bots.values().stream().filter(s -> s.state == ProcessState.STARTING).count();
    while (starting < settings.startParallel()) {
      String id;
      synchronized (autoStartQueue) {
        id = autoStartQueue.poll();
      }
      if (id == null) {
        return;
      }
      try {
        starter.accept(id);
        starting++;
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "Auto-start of bot {0} failed: {1}", id, e.getMessage());
      }
    }
    scheduler.schedule(() -> drainAutoStart(starter), 500, TimeUnit.MILLISECONDS);
  }

  private void cancelRestart(Supervised s) {
    ScheduledFuture<?> pending = s.pendingRestart;
    if (pending != null) {
      pending.cancel(false);
      s.pendingRestart = null;
    }
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String reason(Integer code) {
    if (code == null) {
      return "exited (adopted process: exit code unknown)";
    }
    return switch (code) {
      case 0 -> "exited with code 0 without being asked to stop";
      case 78 -> "exit code 78: the bot could not load its configuration from the orchestrator";
      case 137 -> "killed by SIGKILL (exit code 137)";
      case 143 -> "terminated by SIGTERM from outside the orchestrator (exit code 143)";
      default -> code > 128 ? "killed by signal " + (code - 128) + " (exit code " + code + ")" : "exit code " + code;
    };
  }

  /** One bot's process as the supervisor tracks it. Guarded by {@link #lock}. */
  private static final class Supervised {
    final String id;
    final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    final CrashPolicy crashes;
    volatile ProcessState state = ProcessState.STOPPED;
    volatile Launcher.BotProcess process;
    volatile Instant startedAt;
    volatile long generation;
    volatile boolean expectingExit;
    volatile int restarts;
    volatile Integer lastExitCode;
    volatile String lastExitReason;
    volatile Instant lastExitAt;
    volatile List<String> lastLogLines = List.of();
    volatile ScheduledFuture<?> pendingRestart;
    /** When this start's runtime was seen booted. */
    volatile Instant bootedAt;
    /** Why the supervisor stopped a start that never became ready (the exit's reason). */
    volatile String notReadyReason;

    Supervised(String id, CrashPolicy crashes) {
      this.id = id;
      this.crashes = crashes;
    }
  }
}
