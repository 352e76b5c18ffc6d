package dev.wabots.processes.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.Locations;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import dev.wabots.processes.control.BotJava;
import dev.wabots.processes.control.CrashPolicy;
import dev.wabots.processes.control.LogTail;
import dev.wabots.processes.control.LogWatch;
import dev.wabots.processes.control.PidFile;
import dev.wabots.processes.control.PortProbe;
import dev.wabots.processes.control.ProcessLauncher;
import dev.wabots.processes.control.ProcessTree;
import dev.wabots.processes.control.SparePool;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.security.Role;
import dev.wabots.security.Secrets;
import dev.wabots.security.Tokens;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The supervisor: one operating-system process per bot, started, stopped, watched and restarted
 * here. Each bot has its own lock, so two starts at once make one process and different bots never
 * wait for each other. Bots outlive the orchestrator (their own session); a new orchestrator
 * re-adopts them from their pid files instead of starting them twice.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BotProcesses {

  private static final Logger LOG = System.getLogger(BotProcesses.class.getName());
  static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** The JVM writing the class-data archive needs a few seconds more to finish it on exit. */
  static final Duration TRAINER_STOP_GRACE = Duration.ofSeconds(30);
  /** A training bot ends its recording this long after it is ready (its start, settled). */
  static final Duration TRAINING_AFTER_READY = Duration.ofSeconds(3);
  /** Writing the cache of an ended recording takes ~10–20 s on two cores; give up after this. */
  static final Duration TRAINING_END_TIMEOUT = Duration.ofSeconds(120);
  /** Payara's line when its boot is over, printed even when the deployment failed (PAYARA-NOTES). */
  static final String PAYARA_READY = ") ready in ";
  static final int MAX_LOG_LINES = 5000;
  static final int CRASH_LOG_LINES = 20;
  /** Bots started at once by auto-start: two cores are not swamped by twenty JVMs booting. */
  static final int STAGGER_PARALLEL = 2;
  /** The bot's own readiness check in a {@code /health/ready} answer. */
  private static final Pattern BOT_CHECK = Pattern.compile("\"name\"\\s*:\\s*\"bot\"");
  private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  @PersistenceContext EntityManager em;

  @Inject Locations locations;

  @Inject Callers callers;

  @Inject Tokens tokens;

  @Inject Secrets secrets;

  @Inject AuditLog audit;

  @Resource SessionContext context;

  @Resource TimerService timers;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "wabots.port", defaultValue = "8002")
  int orchestratorPort;

  @Inject
  @ConfigProperty(name = "wabots.graph.live-base", defaultValue = "https://graph.facebook.com")
  String liveGraphBase;

  /**
   * A bot not ready this long after its start is killed and handled like a crash (restart with
   * backoff, crash loop). Generous: twenty bots booting at once on two cores take minutes.
   */
  @Inject
  @ConfigProperty(name = "wabots.bot.ready-timeout-seconds", defaultValue = "180")
  String readyTimeoutSetting;

  /**
   * Payara finished booting but the bot is still not ready this long after: its deployment failed
   * (Payara keeps running without the application) or it cannot open its database.
   */
  @Inject
  @ConfigProperty(name = "wabots.bot.deploy-grace-seconds", defaultValue = "30")
  String deployGraceSetting;

  /** How many bots the auto-start after an orchestrator start boots at the same time. */
  @Inject
  @ConfigProperty(name = "wabots.bot.start-parallel", defaultValue = "" + STAGGER_PARALLEL)
  String startParallelSetting;

  /**
   * 1: keep one pre-started spare bot process, which the next start takes instead of booting a JVM
   * and Payara (SparePool; costs one idle bot's memory). 0: none.
   */
  @Inject
  @ConfigProperty(name = "wabots.bot.spares", defaultValue = "1")
  String sparesSetting;

  /** How long the machine stays quiet (no bot starting) before a spare is booted. */
  @Inject
  @ConfigProperty(name = "wabots.bot.spare-delay-seconds", defaultValue = "10")
  String spareDelaySetting;

  private int readyTimeoutSeconds;
  private int deployGraceSeconds;
  private int startParallel = STAGGER_PARALLEL;

  private final Map<String, Supervised> bots = new ConcurrentHashMap<>();
  private final ArrayDeque<String> autoStartQueue = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private ProcessLauncher launcher;
  private SparePool spares;
  private BotProcesses self;
  private volatile boolean shuttingDown;

  @PostConstruct
  void init() {
    // Read as text: a mistyped value is reported and replaced, and the orchestrator still starts.
    readyTimeoutSeconds = seconds("WABOTS_BOT_READY_TIMEOUT_SECONDS", readyTimeoutSetting, 180);
    deployGraceSeconds = seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", deployGraceSetting, 30);
    startParallel = count("WABOTS_BOT_START_PARALLEL", startParallelSetting, STAGGER_PARALLEL);
    launcher = new ProcessLauncher(locations.runtime(), locations.data());
    BotJava java = launcher.java();
    LOG.log(Level.INFO, "Bots run on {0}, with {1}", java,
        java.aotCache() ? "an ahead-of-time cache" : "a class-data-sharing archive");
    self = context.getBusinessObject(BotProcesses.class);
    spares = new SparePool(spares(), launcher, runDir(), locations.logs().resolve("spare.log"),
        "http://127.0.0.1:" + orchestratorPort, scheduler, this::botsStarting,
        Duration.ofSeconds(seconds("WABOTS_BOT_SPARE_DELAY_SECONDS", spareDelaySetting, 10)));
    // Re-adoption and auto-start run from a timer after deployment, not here.
    timers.createSingleActionTimer(500, new TimerConfig("reconcile bot processes", false));
  }

  @PreDestroy
  void shutdown() {
    // Bots keep serving Meta while the orchestrator is down; only our own tasks stop.
    shuttingDown = true;
    spares.close(); // a spare serves nobody; the bots keep running
    bots.values().forEach(s -> {
      if (s.pendingRestart != null) {
        s.pendingRestart.cancel(false);
      }
    });
  }

  // ---------------------------------------------------------------- use cases (people)

  public StartResult start(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    StartResult result = startProcess(bot, true);
    bot.enableAutoStart();
    audit.record(caller.username(), "instance.start", bot.id(), AuditLog.details("result", result.status(), "pid", result.pid()));
    return result;
  }

  public String stop(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    boolean stopped = stopProcess(bot.id());
    bot.disableAutoStart();
    audit.record(caller.username(), "instance.stop", bot.id(), AuditLog.details("was_running", stopped));
    return stopped ? "stopped" : "already_stopped";
  }

  public StartResult restart(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    stopProcess(bot.id());
    StartResult result = startProcess(bot, true);
    audit.record(caller.username(), "instance.restart", bot.id(), AuditLog.details("pid", result.pid()));
    return new StartResult("restarted", result.pid());
  }

  /** The pre-started spare, for any signed-in person (it holds no bot's data). */
  public SpareStatus spare() {
    callers.current();
    SparePool.View v = spares.view();
    return new SpareStatus(spares.enabled(), v.state(), v.pid(), v.port(), v.since());
  }

  public BotStatus status(String id) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    return statusOf(bot);
  }

  public List<String> logs(String id, int lines) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    try {
      return LogTail.last(logFile(bot.id()), Math.min(Math.max(lines, 1), MAX_LOG_LINES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + bot.id(), e);
    }
  }

  /** The process state for lists: {@code running} and {@code state}. */
  public ProcessState stateOf(String id) {
    Supervised s = bots.get(id);
    return s == null ? ProcessState.STOPPED : s.state;
  }

  /** Called before a bot is deleted: its process goes first. */
  public void forget(String id) {
    stopProcess(id);
    bots.remove(id);
  }

  // ---------------------------------------------------------------- use cases (bots)

  /**
   * The configuration of the calling bot, secrets included — only for the token issued to the
   * bot's current process. Any other caller, or an old token of the same bot, is refused.
   */
  public BotConfig configForCallingBot(String requestedId) {
    String instanceId = callingBot();
    if (requestedId != null && !requestedId.equals(instanceId)) {
      throw new NotFound("instance", requestedId);
    }
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, instanceId);
    if (bot == null) {
      throw new NotFound("instance", instanceId);
    }
    String graphBase = bot.mode() == WhatsAppInstance.Mode.LIVE
        ? liveGraphBase
        : "http://127.0.0.1:" + orchestratorPort + "/sandbox/graph";
    return new BotConfig(bot.id(), bot.name(), bot.enabled(), bot.mode().id(), bot.phoneNumberId(), bot.wabaId(),
        secrets.open(InstanceField.ACCESS_TOKEN, bot.storedSecret(InstanceField.ACCESS_TOKEN)),
        secrets.open(InstanceField.VERIFY_TOKEN, bot.storedSecret(InstanceField.VERIFY_TOKEN)),
        secrets.open(InstanceField.APP_SECRET, bot.storedSecret(InstanceField.APP_SECRET)),
        bot.webhookPort(), bot.graphApiVersion(), graphBase, bot.llmBackend(), bot.systemPrompt(), bot.llmParams(),
        bot.llmFallback(), bot.language(),
        bot.ttsEnabled(), bot.ttsEngine(), bot.ttsVoice(), bot.ttsPreset(), bot.allowedPhones(), bot.blockedPhones(),
        bot.rateLimitCount(), bot.rateLimitHours());
  }

  /**
   * The instance id of the bot process calling, checked against the token it was given. Touches
   * no database: it joins the caller's transaction if there is one and starts none (a container
   * transaction per check was measurable on every chat call).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public String callingBot() {
    var principal = context.getCallerPrincipal();
    // The token's groups decide: the EJB module does not declare web roles.
    if (!(principal instanceof JsonWebToken jwt) || jwt.getGroups() == null || !jwt.getGroups().contains(Role.BOT_GROUP)) {
      LOG.log(Level.WARNING, "Internal API refused: caller {0} ({1}) has no bot token",
          principal == null ? "none" : principal.getName(), principal == null ? "-" : principal.getClass().getSimpleName());
      throw principal == null || "ANONYMOUS".equals(principal.getName())
          ? new Unauthorized("a bot token is required")
          : new Forbidden("only bot processes may call the internal API");
    }
    Object claim = jwt.getClaim(Tokens.INSTANCE_CLAIM);
    String instanceId = claim == null ? null : claim.toString().replace("\"", "");
    Supervised s = instanceId == null ? null : bots.get(instanceId);
    if (s == null || s.tokenId == null || !s.tokenId.equals(jwt.getTokenID())) {
      LOG.log(Level.WARNING, "Internal API refused: the token of bot {0} is not its running process''s token", instanceId);
      throw new Forbidden("this bot token is not the one issued to the running process of that bot");
    }
    return instanceId;
  }

  // ---------------------------------------------------------------- supervision

  StartResult startProcess(WhatsAppInstance bot, boolean byPerson) {
    if (!bot.enabled()) {
      throw Invalid.of("enabled", "bot '" + bot.id() + "' is disabled; enable it before starting");
    }
    Supervised s = bots.computeIfAbsent(bot.id(), Supervised::new);
    s.lock.lock();
    try {
      if (s.state.hasProcess() && s.handle != null && s.handle.isAlive()) {
        return new StartResult("already_running", s.handle.pid());
      }
      if (byPerson) {
        s.crashes.reset();
      }
      cancelRestart(s);
      return spawn(s, bot.webhookPort());
    } finally {
      s.lock.unlock();
    }
  }

  /** Spawns under the bot's lock; refuses a port that something else listens on. */
  private StartResult spawn(Supervised s, int port) {
    if (!PortProbe.isFree(port) && !spares.listensOn(port)) {
      String holder = bots.values().stream()
          .filter(o -> o != s && o.port == port && o.state.hasProcess())
          .map(o -> "bot '" + o.id + "'")
          .findFirst()
          .or(() -> PortProbe.holder(port))
          .orElse("another process");
      LOG.log(Level.WARNING, "Bot {0} not started: port {1} is in use by {2}", s.id, String.valueOf(port), holder);
      throw Conflict.onField("webhook_port", PortProbe.inUse(port, holder, callers.adminCalling()));
    }
    Tokens.Issued token = tokens.forBot(s.id);
    Optional<Process> fromSpare = spares.adopt(s.id, token.token(), port, logFile(s.id));
    LogWatch bootWatch = fromSpare.isPresent() ? null // booted before it became this bot
        : new LogWatch(logFile(s.id), PAYARA_READY); // from the end of the last start's lines
    ProcessLauncher.Spawned spawned = fromSpare.map(p -> new ProcessLauncher.Spawned(p, false))
        .orElseGet(() -> launcher.spawn(new ProcessLauncher.Spec(
            s.id, port, token.token(), "http://127.0.0.1:" + orchestratorPort, logFile(s.id))));
    Process process = spawned.process();
    s.generation++;
    s.process = process;
    s.handle = process.toHandle();
    s.port = port;
    s.tokenId = token.jti();
    s.token = token.token();
    s.startedAt = Instant.now();
    s.state = ProcessState.STARTING;
    s.expectingExit = false;
    s.trainsCds = spawned.trainsCds();
    s.notReadyReason = null;
    s.bootWatch = bootWatch;
    s.bootedAt = null;
    writePidFile(s);
    watch(s, s.generation);
    return new StartResult("started", process.pid());
  }

  /** @return whether a process was running */
  boolean stopProcess(String id) {
    Supervised s = bots.get(id);
    if (s == null) {
      PidFile.delete(runDir(), id);
      return false;
    }
    s.lock.lock();
    try {
      cancelRestart(s);
      boolean wasRunning = s.handle != null && s.handle.isAlive();
      if (wasRunning) {
        s.expectingExit = true;
        LOG.log(Level.INFO, "Stopping bot {0} (pid {1})", id, s.handle.pid());
        awaitTrainingEnd(s);
        Duration grace = s.trainsCds ? TRAINER_STOP_GRACE : STOP_GRACE;
        boolean clean = ProcessTree.terminate(s.handle, grace);
        if (!clean) {
          LOG.log(Level.WARNING, "Bot {0} did not stop within {1} s of SIGTERM: killed", id, grace.toSeconds());
        }
        finishTraining(s, clean);
      }
      s.state = ProcessState.STOPPED;
      s.handle = null;
      s.process = null;
      s.tokenId = null;
      s.generation++;
      PidFile.delete(runDir(), id);
      return wasRunning;
    } finally {
      s.lock.unlock();
    }
  }

  private void watch(Supervised s, long generation) {
    ProcessHandle handle = s.handle;
    handle.onExit().thenRunAsync(() -> exited(s, generation), scheduler);
    scheduler.schedule(() -> pollReady(s, generation, Instant.now()), 300, TimeUnit.MILLISECONDS);
  }

  private void pollReady(Supervised s, long generation, Instant since) {
    if (shuttingDown || s.generation != generation || s.state != ProcessState.STARTING) {
      return;
    }
    if (probeReady(s.port)) {
      s.lock.lock();
      try {
        if (s.generation == generation && s.state == ProcessState.STARTING) {
          s.state = ProcessState.RUNNING;
          LOG.log(Level.INFO, "Bot {0} is ready on port {1} ({2} ms after start)", s.id, s.port,
              Duration.between(s.startedAt, Instant.now()).toMillis());
          if (s.trainsCds && launcher.cds().endsWhileRunning()) {
            scheduler.schedule(() -> endTraining(s, generation), TRAINING_AFTER_READY.toMillis(), TimeUnit.MILLISECONDS);
          }
          spares.replenishIn(Duration.ofSeconds(1)); // waits itself until no bot is starting
        }
      } finally {
        s.lock.unlock();
      }
      return;
    }
    Instant now = Instant.now();
    LogWatch boot = s.bootWatch;
    if (s.bootedAt == null && boot != null && boot.seen()) {
      s.bootedAt = now;
    }
    if (s.bootedAt != null && Duration.between(s.bootedAt, now).toSeconds() >= deployGraceSeconds) {
      notReady(s, generation, "not ready " + deployGraceSeconds
          + " s after Payara finished booting (the deployment failed or the bot cannot open its database: see its log)");
      return;
    }
    if (Duration.between(since, now).toSeconds() >= readyTimeoutSeconds) {
      notReady(s, generation, "not ready within " + readyTimeoutSeconds + " s of its start");
      return;
    }
    scheduler.schedule(() -> pollReady(s, generation, since), 200, TimeUnit.MILLISECONDS);
  }

  /**
   * A start that never became ready serves nothing: the process is stopped and its exit handled
   * like a crash (restart with backoff, crash loop after repeated failures), with this reason.
   */
  private void notReady(Supervised s, long generation, String why) {
    s.lock.lock();
    try {
      if (shuttingDown || s.generation != generation || s.state != ProcessState.STARTING || s.handle == null) {
        return;
      }
      s.notReadyReason = why;
      LOG.log(Level.WARNING, "Bot {0} (pid {1}) {2}; stopping it, the watchdog restarts it", s.id, s.handle.pid(), why);
      // expectingExit stays false: exited() sees the exit and applies the crash rules.
      if (!ProcessTree.terminate(s.handle, STOP_GRACE)) {
        LOG.log(Level.WARNING, "Bot {0} did not stop within {1} s of SIGTERM: killed", s.id, STOP_GRACE.toSeconds());
      }
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
      Integer code = s.process == null ? null : s.process.exitValue();
      s.lastExitCode = code;
      s.lastExitAt = Instant.now();
      s.lastExitReason = s.notReadyReason == null ? reason(code) : s.notReadyReason + "; stopped by the supervisor";
      s.notReadyReason = null;
      try {
        s.lastLogLines = LogTail.last(logFile(s.id), CRASH_LOG_LINES);
      } catch (IOException e) {
        s.lastLogLines = List.of();
      }
      finishTraining(s, false);
      s.handle = null;
      s.process = null;
      s.tokenId = null;
      PidFile.delete(runDir(), s.id);
      CrashPolicy.Decision decision = s.crashes.crashed(Instant.now(), s.startedAt);
      if (decision.loop()) {
        s.state = ProcessState.CRASH_LOOP;
        LOG.log(Level.ERROR, "Bot {0} crashed {1} times within {2} minutes ({3}); not restarting until started by hand",
            s.id, CrashPolicy.LOOP_CRASHES, CrashPolicy.LOOP_WINDOW.toMinutes(), s.lastExitReason);
        return;
      }
      s.state = ProcessState.CRASHED;
      LOG.log(Level.WARNING, "Bot {0} exited unexpectedly ({1}); restarting in {2} s",
          s.id, s.lastExitReason, decision.delay().toSeconds());
      long next = s.generation;
      s.pendingRestart = scheduler.schedule(() -> restartAfterCrash(s, next), decision.delay().toMillis(), TimeUnit.MILLISECONDS);
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
      Optional<Integer> port = portOf(s.id);
      if (port.isEmpty()) {
        s.state = ProcessState.STOPPED;
        return;
      }
      s.restarts++;
      spawn(s, port.get());
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

  /** The bot's port and whether it may run, read in a fresh transaction of the container. */
  private Optional<Integer> portOf(String id) {
    return Optional.ofNullable(self().instanceForRestart(id));
  }

  /** For the watchdog thread: the port of an enabled bot, or null. */
  public Integer instanceForRestart(String id) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    return bot == null || !bot.enabled() ? null : bot.webhookPort();
  }

  /** This bean through the container, so watchdog threads get transactions. */
  private BotProcesses self() {
    return self;
  }

  @Timeout
  void reconcile(Timer timer) {
    adoptSurvivors();
    spares.replenishIn(Duration.ofSeconds(1)); // after the auto-starts below: it waits while bots start
    List<WhatsAppInstance> autoStart = em
        .createQuery("SELECT i FROM WhatsAppInstance i WHERE i.autoStart = TRUE AND i.enabled = TRUE ORDER BY i.name",
            WhatsAppInstance.class)
        .getResultList();
    synchronized (autoStartQueue) {
      autoStart.stream().map(WhatsAppInstance::id).filter(id -> !stateOf(id).hasProcess()).forEach(autoStartQueue::add);
    }
    if (!autoStartQueue.isEmpty()) {
      LOG.log(Level.INFO, "Auto-starting {0} bot(s), {1} at a time", autoStartQueue.size(), startParallel);
      scheduler.schedule(this::drainAutoStart, 0, TimeUnit.MILLISECONDS);
    }
  }

  private void drainAutoStart() {
    if (shuttingDown) {
      return;
    }
    long starting = bots.values().stream().filter(s -> s.state == ProcessState.STARTING).count();
    while (starting < startParallel) {
      String id;
      synchronized (autoStartQueue) {
        id = autoStartQueue.poll();
      }
      if (id == null) {
        return;
      }
      try {
        self().autoStart(id);
        starting++;
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "Auto-start of bot {0} failed: {1}", id, e.getMessage());
      }
    }
    scheduler.schedule(this::drainAutoStart, 500, TimeUnit.MILLISECONDS);
  }

  /** Auto-start of one bot, in a transaction of its own. */
  public void autoStart(String id) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    if (bot != null && bot.enabled() && bot.autoStart()) {
      startProcess(bot, false);
    }
  }

  /** Bots left running by a previous orchestrator: adopt the live, healthy ones; clean the rest. */
  private void adoptSurvivors() {
    Path run = runDir();
    if (!Files.isDirectory(run)) {
      return;
    }
    try (var files = Files.list(run)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
        Optional<PidFile> pid = PidFile.read(file);
        if (pid.isEmpty()) {
          Files.deleteIfExists(file);
          continue;
        }
        PidFile p = pid.get();
        Optional<ProcessHandle> alive = ProcessTree.find(p.pid(), p.processStart())
            .filter(h -> ProcessTree.commandLine(h).contains("bot-app.war") || ProcessTree.commandLine(h).isEmpty());
        if (alive.isEmpty() || em.find(WhatsAppInstance.class, p.instanceId()) == null) {
          LOG.log(Level.INFO, "Removing stale pid file of bot {0} (pid {1} is gone)", p.instanceId(), p.pid());
          alive.ifPresent(h -> ProcessTree.terminate(h, STOP_GRACE));
          Files.deleteIfExists(file);
          continue;
        }
        Supervised s = bots.computeIfAbsent(p.instanceId(), Supervised::new);
        s.lock.lock();
        try {
          s.generation++;
          s.handle = alive.get();
          s.process = null;
          s.port = p.port();
          s.startedAt = p.startedAt();
          s.tokenId = p.tokenId();
          s.token = p.token();
          s.expectingExit = false;
          s.bootWatch = null; // booted long ago: only the ready time-out applies
          s.bootedAt = null;
          boolean healthy = probe(p.port(), "/health/live");
          s.state = healthy && probeReady(p.port()) ? ProcessState.RUNNING : ProcessState.STARTING;
          LOG.log(Level.INFO, "Re-adopted bot {0}: pid {1}, port {2}, {3}", p.instanceId(), p.pid(), p.port(), s.state.id());
          watch(s, s.generation);
        } finally {
          s.lock.unlock();
        }
      }
    } catch (IOException e) {
      LOG.log(Level.ERROR, "Cannot read pid files in {0}: {1}", run, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- helpers

  private BotStatus statusOf(WhatsAppInstance bot) {
    Supervised s = bots.get(bot.id());
    if (s == null) {
      return new BotStatus(bot.id(), ProcessState.STOPPED.id(), false, null, bot.webhookPort(), null, null, false, 0,
          null, null, null, List.of(), bot.enabled(), bot.autoStart(), false, null, null, null, null);
    }
    ProcessHandle h = s.handle;
    boolean alive = h != null && h.isAlive();
    boolean ready = alive && probeReady(s.port);
    Instant started = alive ? s.startedAt : null;
    boolean troubled = s.state == ProcessState.CRASHED || s.state == ProcessState.CRASH_LOOP;
    jakarta.json.JsonObject own = ready ? botOwnStatus(s) : null;
    return new BotStatus(bot.id(), s.state.id(), alive, alive ? h.pid() : null, alive ? s.port : bot.webhookPort(),
        started, started == null ? null : Duration.between(started, Instant.now()).toSeconds(), ready, s.restarts,
        s.lastExitCode, s.lastExitReason, s.lastExitAt, troubled ? s.lastLogLines : List.of(),
        bot.enabled(), bot.autoStart(), own != null && own.getBoolean("token_invalid", false),
        own == null || own.isNull("token_problem") ? null : own.getString("token_problem", null),
        own == null || own.isNull("last_verification_at") ? null : own.getString("last_verification_at", null),
        own == null || own.isNull("last_signed_webhook_at") ? null : own.getString("last_signed_webhook_at", null),
        own);
  }

  /** The bot's own /status (webhook traffic, token health), read with its process token. */
  private jakarta.json.JsonObject botOwnStatus(Supervised s) {
    if (s.token == null || s.token.isEmpty()) {
      return null;
    }
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + "/status"))
              .header("Authorization", "Bearer " + s.token)
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return null;
      }
      try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
        return reader.readObject();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A whole number of seconds ≥ 1 from configuration; anything else is logged and the default used. */
  static int seconds(String name, String value, int fallback) {
    return atLeastOne(name, value, fallback, "a whole number of seconds");
  }

  /** A whole number ≥ 1 from configuration; anything else is logged and the default used. */
  static int count(String name, String value, int fallback) {
    return atLeastOne(name, value, fallback, "a whole number");
  }

  private static int atLeastOne(String name, String value, int fallback, String what) {
    try {
      int n = Integer.parseInt(value == null ? "" : value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    LOG.log(Level.ERROR, "{0} must be {1}, at least 1; got \"{2}\": using {3}", name, what, value, fallback);
    return fallback;
  }

  /** Whether any bot is booting now or waits for its auto-start: a spare's boot would compete. */
  private boolean botsStarting() {
    synchronized (autoStartQueue) {
      if (!autoStartQueue.isEmpty()) {
        return true;
      }
    }
    return bots.values().stream().anyMatch(b -> b.state == ProcessState.STARTING || b.trainsCds);
  }

  /** wabots.bot.spares: 0 or 1 (one spare is what a start can use at a time on two cores). */
  private boolean spares() {
    return sparesWanted(Optional.ofNullable(System.getenv("WABOTS_BOT_SPARES")).orElse(sparesSetting));
  }

  static boolean sparesWanted(String setting) {
    String value = setting == null ? "" : setting.trim();
    switch (value) {
      case "1":
        return true;
      case "0":
        return false;
      default:
        LOG.log(Level.ERROR, "WABOTS_BOT_SPARES must be 0 or 1; got \"{0}\": using 0 (no pre-started spare)", value);
        return false;
    }
  }

  /** Ready means the bot's own readiness check answered UP, not merely some 200 on the port. */
  private boolean probeReady(int port) {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && BOT_CHECK.matcher(r.body()).find();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean probe(int port, String path) {
    try {
      HttpResponse<Void> r = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void cancelRestart(Supervised s) {
    if (s.pendingRestart != null) {
      s.pendingRestart.cancel(false);
      s.pendingRestart = null;
    }
  }

  /**
   * A training bot (JDK 25) that is ready ends its recording: the cache covers its start, is
   * written now by a JVM the bot starts, and serves the next bot to start — not only after this
   * one stops. Never blocks the scheduler: the jcmd's exit is handled when it comes.
   */
  private void endTraining(Supervised s, long generation) {
    s.lock.lock();
    try {
      if (s.generation != generation || !s.trainsCds || s.handle == null || !s.handle.isAlive()) {
        return;
      }
      long pid = s.handle.pid();
      Process jcmd;
      try {
        jcmd = launcher.cds().endRecording(pid, logFile(s.id));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Cannot end the class-data recording of bot {0}: {1}; the cache is written when it stops",
            s.id, e.getMessage());
        return;
      }
      s.trainsCds = false;
      long t0 = System.nanoTime();
      ScheduledFuture<?> timeout = scheduler.schedule(() -> ProcessTree.terminate(jcmd.toHandle(), STOP_GRACE),
          TRAINING_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      s.endingTraining = jcmd.onExit().thenAcceptAsync(p -> {
        timeout.cancel(false);
        launcher.cds().trainerExited(p.exitValue() == 0);
        try {
          launcher.cds().releaseRecordingMemory(pid, logFile(s.id));
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "Bot {0}: cannot trim its native heap: {1}", s.id, e.getMessage());
        }
        LOG.log(Level.INFO, "Bot {0} ended its class-data recording in {1} ms (jcmd exit {2}): {3}", s.id,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), p.exitValue(),
            Files.isRegularFile(launcher.cds().archive()) ? "cache " + launcher.cds().archive().getFileName() : "no cache");
      }, scheduler);
    } finally {
      s.lock.unlock();
    }
  }

  /** A stop while the recording is being ended lets the cache be finished first (bounded). */
  private void awaitTrainingEnd(Supervised s) {
    var ending = s.endingTraining;
    if (ending == null || ending.isDone()) {
      return;
    }
    try {
      ending.get(TRAINING_END_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.log(Level.WARNING, "Bot {0}: the class-data recording did not end cleanly: {1}", s.id, e.toString());
    }
  }

  private void finishTraining(Supervised s, boolean cleanExit) {
    if (s.trainsCds) {
      s.trainsCds = false;
      launcher.cds().trainerExited(cleanExit);
    }
  }

  private void writePidFile(Supervised s) {
    try {
      new PidFile(s.id, s.handle.pid(), s.handle.info().startInstant().orElse(null), s.port, s.startedAt, s.tokenId,
          s.token)
          .write(runDir());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot write the pid file of bot {0}: {1}", s.id, e.getMessage());
    }
  }

  Path runDir() {
    return locations.data().resolve("run");
  }

  /** {@code <logs>/whatsapp_bot_<id>.log}; an id that could leave the folder is refused. */
  Path logFile(String id) {
    if (!SAFE_ID.matcher(id).matches()) {
      throw new NotFound("instance", id);
    }
    Path logs = locations.logs();
    Path file = logs.resolve("whatsapp_bot_" + id + ".log").normalize();
    if (!file.startsWith(logs)) {
      throw new NotFound("instance", id);
    }
    return file;
  }

  private static String reason(Integer code) {
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
  static final class Supervised {
    final String id;
    final ReentrantLock lock = new ReentrantLock();
    final CrashPolicy crashes = new CrashPolicy();
    volatile ProcessState state = ProcessState.STOPPED;
    volatile ProcessHandle handle;
    volatile Process process;
    volatile int port;
    volatile Instant startedAt;
    volatile String tokenId;
    volatile String token;
    volatile long generation;
    volatile boolean expectingExit;
    volatile boolean trainsCds;
    /** The ending of this process's class-data recording, while it runs (JDK 25). */
    volatile java.util.concurrent.CompletableFuture<Void> endingTraining;
    volatile int restarts;
    volatile Integer lastExitCode;
    volatile String lastExitReason;
    volatile Instant lastExitAt;
    volatile List<String> lastLogLines = List.of();
    volatile ScheduledFuture<?> pendingRestart;
    /** This start's log, watched for the end of Payara's boot; when that was seen. */
    volatile LogWatch bootWatch;
    volatile Instant bootedAt;
    /** Why the supervisor stopped a start that never became ready (the exit's reason). */
    volatile String notReadyReason;

    Supervised(String id) {
      this.id = id;
    }
  }
}
