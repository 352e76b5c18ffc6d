package dev.wabots.processes.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.notifications.boundary.BotAlert;
import dev.wabots.notifications.boundary.Notifications;
import dev.wabots.platform.BotNetwork;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.Unavailable;
import dev.wabots.platform.Locations;
import dev.wabots.processes.control.BotHttp;
import dev.wabots.processes.control.BotJava;
import dev.wabots.processes.control.Launcher;
import dev.wabots.processes.control.LocalLauncher;
import dev.wabots.processes.control.ProcessLauncher;
import dev.wabots.processes.control.Supervisor;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.BotProcessTokens;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * People's use cases on bot processes — start, stop, restart, status, logs — checked against who
 * may see and change which bot, audited. The process work itself is the {@link Supervisor}'s,
 * over a {@link Launcher} (local processes today); bots outlive the orchestrator and a new one
 * re-adopts them instead of starting them twice.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BotProcesses {

  private static final Logger LOG = System.getLogger(BotProcesses.class.getName());
  static final int MAX_LOG_LINES = 5000;
  /** Bots started at once by auto-start: two cores are not swamped by twenty JVMs booting. */
  static final int STAGGER_PARALLEL = 2;

  @PersistenceContext EntityManager em;

  @Inject Locations locations;

  @Inject Callers callers;

  @Inject BotProcessTokens botTokens;

  @Inject BotNetwork network;

  @Inject AuditLog audit;

  @Inject Notifications notifications;

  @Resource SessionContext context;

  @Resource TimerService timers;

  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * A bot not ready this long after its start is killed and handled like a crash (restart with
   * backoff, crash loop). Generous: twenty bots booting at once on two cores take minutes.
   */
  @Inject
  @ConfigProperty(name = "wabots.bot.ready-timeout-seconds", defaultValue = "180")
  String readyTimeoutSetting;

  /**
   * Payara finished booting but the bot is still not ready this long after: it cannot open its
   * database, or its deployment failed without Payara's usual line (a failure Payara reports in the
   * bot's log stops it at once).
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

  /** The address bots listen on, as the orchestrator reaches them (loopback for local bots). */
  @Inject
  @ConfigProperty(name = "wabots.bot.host", defaultValue = "127.0.0.1")
  String botHost;

  /**
   * A network namespace bots run in ({@code ip netns exec}); with {@code wabots.bot.host} its
   * address and {@code wabots.bot.orchestrator-url} the orchestrator's address seen from there.
   */
  @Inject
  @ConfigProperty(name = "wabots.bot.netns")
  Optional<String> botNetns;

  /** The size a log may reach before it is rotated (bots on JDK 22+ rotate their own). */
  @Inject
  @ConfigProperty(name = "wabots.logs.max-mb", defaultValue = "20")
  int logsMaxMb;

  /** How many rotated files of each log are kept. */
  @Inject
  @ConfigProperty(name = "wabots.logs.keep", defaultValue = "5")
  int logsKeep;

  private Supervisor supervisor;
  private Launcher launcher;
  private ProcessLauncher processLauncher;
  private BotHttp http;
  private BotProcesses self;

  @PostConstruct
  void init() {
    // Read as text: a mistyped value is reported and replaced, and the orchestrator still starts.
    int readyTimeout = seconds("WABOTS_BOT_READY_TIMEOUT_SECONDS", readyTimeoutSetting, 180);
    int deployGrace = seconds("WABOTS_BOT_DEPLOY_GRACE_SECONDS", deployGraceSetting, 30);
    int startParallel = count("WABOTS_BOT_START_PARALLEL", startParallelSetting, STAGGER_PARALLEL);
    ProcessLauncher processes = new ProcessLauncher(locations.runtime(), locations.data(), botCache());
    botNetns.filter(n -> !n.isBlank()).ifPresent(ns -> {
      String orchestratorHost = java.net.URI.create(network.orchestratorForBots()).getHost();
      processes.inNamespace(ns, orchestratorHost);
      LOG.log(Level.INFO, "Bots run in network namespace {0} at {1}; they reach the orchestrator at {2}", ns, botHost,
          network.orchestratorForBots());
    });
    processes.rotateLogs(Math.max(1, logsMaxMb) * 1024L * 1024L, Math.max(1, logsKeep));
    processLauncher = processes;
    BotJava java = processes.java();
    LOG.log(Level.INFO, "Bots run on {0}, with {1}", java,
        java.aotCache() ? "an ahead-of-time cache" : "a class-data-sharing archive");
    self = context.getBusinessObject(BotProcesses.class);
    http = new BotHttp();
    Supervisor[] holder = new Supervisor[1];
    launcher = new LocalLauncher(processes, locations.data().resolve("run"), locations.logs(), botHost,
        network.orchestratorForBots(), spares() && botNetns.filter(n -> !n.isBlank()).isEmpty(),
        Duration.ofSeconds(seconds("WABOTS_BOT_SPARE_DELAY_SECONDS", spareDelaySetting, 10)), scheduler,
        () -> holder[0] != null && holder[0].starting());
    supervisor = new Supervisor(launcher, scheduler, http, new Environment(),
        new Supervisor.Settings(Duration.ofSeconds(readyTimeout), Duration.ofSeconds(deployGrace), Duration.ofSeconds(5),
            startParallel, Duration.ofMillis(200), Duration.ofSeconds(1)),
        network.orchestratorForBots(), Clock.systemUTC());
    holder[0] = supervisor;
    // Re-adoption and auto-start run from a timer after deployment, not here.
    timers.createSingleActionTimer(500, new TimerConfig("reconcile bot processes", false));
  }

  @PreDestroy
  void shutdown() {
    // Bots keep serving Meta while the orchestrator is down; only our own tasks stop.
    supervisor.shutdown();
    launcher.close();
  }

  // ---------------------------------------------------------------- use cases (people)

  public StartResult start(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    Supervisor.Started result = supervisor.start(bot.id(), bot.webhookPort(), bot.enabled(), true, caller.isAdmin());
    bot.enableAutoStart();
    audit.record(caller.username(), "instance.start", bot.id(), AuditLog.details("result", result.status(), "pid", result.pid()));
    return new StartResult(result.status(), result.pid());
  }

  public String stop(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    boolean stopped = supervisor.stop(bot.id());
    bot.disableAutoStart();
    audit.record(caller.username(), "instance.stop", bot.id(), AuditLog.details("was_running", stopped));
    return stopped ? "stopped" : "already_stopped";
  }

  public StartResult restart(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    supervisor.stop(bot.id());
    Supervisor.Started result = supervisor.start(bot.id(), bot.webhookPort(), bot.enabled(), true, caller.isAdmin());
    audit.record(caller.username(), "instance.restart", bot.id(), AuditLog.details("pid", result.pid()));
    return new StartResult("restarted", result.pid());
  }

  /** The pre-started spare, for any signed-in person (it holds no bot's data). */
  public SpareStatus spare() {
    callers.current();
    return launcher.spare()
        .map(v -> new SpareStatus(v.enabled(), v.state(), v.pid(), v.port(), v.since(), v.trains()))
        .orElse(new SpareStatus(false, "none", null, null, null, false));
  }

  public BotStatus status(String id) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    return statusOf(bot);
  }

  public List<String> logs(String id, int lines) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    try {
      return launcher.logTail(bot.id(), Math.min(Math.max(lines, 1), MAX_LOG_LINES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of " + bot.id(), e);
    }
  }

  /** What the supervisor knows of a bot's process (state, restarts, last exit), for metrics. */
  public Supervisor.View processView(String id) {
    return supervisor.view(id);
  }

  /**
   * Whether the log named {@code fileName} in the log folder is rotated by the process writing it:
   * a running bot's, or the spares', when bots run on a Java that can reopen their output.
   */
  public boolean logRotatedByItsWriter(String fileName) {
    if (!processLauncher.botsRotateTheirLogs()) {
      return false;
    }
    if (fileName.equals(LocalLauncher.SPARE_LOG)) {
      return true;
    }
    String prefix = "whatsapp_bot_";
    if (!fileName.startsWith(prefix) || !fileName.endsWith(".log")) {
      return false;
    }
    String id = fileName.substring(prefix.length(), fileName.length() - ".log".length());
    return supervisor.view(id).process() != null;
  }

  /** The process state for lists: {@code running} and {@code state}. */
  public ProcessState stateOf(String id) {
    return supervisor.state(id);
  }

  /**
   * The running process of a bot, for the orchestrator's own calls to it (commands, reports):
   * empty when it has none.
   */
  public Optional<Launcher.BotProcess> running(String id) {
    return Optional.ofNullable(supervisor.view(id).process());
  }

  /**
   * Calls the bot's running process ({@code GET}, or {@code POST} of {@code body}) at one of its
   * {@code /internal/…} endpoints; no access check — the caller's use case made it.
   *
   * @throws Conflict when the bot has no running process
   * @throws Unavailable when it does not answer
   */
  public BotHttp.Answer callBot(String id, String pathAndQuery, String body) {
    Launcher.BotProcess p = supervisor.view(id).process();
    if (p == null || supervisor.state(id) != ProcessState.RUNNING) {
      throw new Conflict("bot '" + id + "' is not running: start it first");
    }
    try {
      return http.call(p, pathAndQuery, body, Duration.ofSeconds(10));
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable("bot '" + id + "' does not answer: " + e.getMessage());
    }
  }

  /** GETs a file from the bot's running process; no access check — the caller's use case made it. */
  public BotHttp.Bytes fetchFromBot(String id, String pathAndQuery) {
    Launcher.BotProcess p = supervisor.view(id).process();
    if (p == null || supervisor.state(id) != ProcessState.RUNNING) {
      throw new Conflict("bot '" + id + "' is not running: start it first");
    }
    try {
      return http.fetch(p, pathAndQuery, Duration.ofSeconds(30));
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable("bot '" + id + "' does not answer: " + e.getMessage());
    }
  }

  /** The base URL the bot's running process is reached at (as Meta's webhook would reach it). */
  public Optional<String> address(String id) {
    return running(id).map(Launcher.BotProcess::address);
  }

  /** Called before a bot is deleted: its process goes first. */
  public void forget(String id) {
    supervisor.forget(id);
  }

  // ---------------------------------------------------------------- container plumbing

  /** For the watchdog thread: the port of an enabled bot, or null. */
  public Integer instanceForRestart(String id) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    return bot == null || !bot.enabled() ? null : bot.webhookPort();
  }

  /** Whether the bot still exists (re-adoption), in a transaction of the container. */
  public boolean exists(String id) {
    return em.find(WhatsAppInstance.class, id) != null;
  }

  /** Auto-start of one bot, in a transaction of its own. */
  public void autoStart(String id) {
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    if (bot != null && bot.enabled() && bot.autoStart()) {
      supervisor.start(bot.id(), bot.webhookPort(), true, false);
    }
  }

  @Timeout
  void reconcile(Timer timer) {
    supervisor.adoptSurvivors(self::exists);
    if (launcher instanceof LocalLauncher local) {
      local.settled(); // after the auto-starts below: a spare waits while bots start
    }
    List<String> autoStart = em
        .createQuery("SELECT i.id FROM WhatsAppInstance i WHERE i.autoStart = TRUE AND i.enabled = TRUE ORDER BY i.name",
            String.class)
        .getResultList();
    supervisor.autoStart(autoStart, id -> self.autoStart(id));
  }

  private BotStatus statusOf(WhatsAppInstance bot) {
    Supervisor.View v = supervisor.view(bot.id());
    Launcher.BotProcess p = v.process();
    boolean alive = p != null;
    boolean ready = alive && http.ready(p.address());
    Instant started = alive ? p.startedAt() : null;
    boolean troubled = v.state() == ProcessState.CRASHED || v.state() == ProcessState.CRASH_LOOP;
    jakarta.json.JsonObject own = ready ? http.ownStatus(p) : null;
    return new BotStatus(bot.id(), v.state().id(), alive, alive ? p.pid() : null, alive ? p.port() : bot.webhookPort(),
        started, started == null ? null : Duration.between(started, Instant.now()).toSeconds(), ready, v.restarts(),
        v.lastExitCode(), v.lastExitReason(), v.lastExitAt(), troubled ? v.lastLogLines() : List.of(),
        bot.enabled(), bot.autoStart(), own != null && own.getBoolean("token_invalid", false),
        own == null || own.isNull("token_problem") ? null : own.getString("token_problem", null),
        own == null || own.isNull("last_verification_at") ? null : own.getString("last_verification_at", null),
        own == null || own.isNull("last_signed_webhook_at") ? null : own.getString("last_signed_webhook_at", null),
        own);
  }

  /** What the supervisor asks of the orchestrator around it. */
  private final class Environment implements Supervisor.Environment {
    @Override
    public Optional<Integer> portToRestart(String id) {
      return Optional.ofNullable(self.instanceForRestart(id));
    }

    @Override
    public String[] issueToken(String id) {
      Tokens.Issued issued = botTokens.issue(id);
      return new String[] {issued.token(), issued.jti()};
    }

    @Override
    public void revokeToken(String id) {
      botTokens.revoke(id);
    }

    @Override
    public void adoptToken(String id, String tokenId) {
      botTokens.adopt(id, tokenId);
    }

    @Override
    public void crashLoop(String id, String reason) {
      try {
        notifications.raiseAlert(new BotAlert(id, Notifications.CRASH_LOOP,
            "last exit: " + reason + "; start it by hand once the cause is fixed", Instant.now()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot raise the crash-loop alert of bot {0}: {1}", id, e.getMessage());
      }
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

  /**
   * WABOTS_BOT_CACHE: the folder for what bots share (unpacked Payara runtime, class-data archive),
   * {@code <data>/payara} when unset or blank. A relative path is taken from the working folder.
   */
  private Path botCache() {
    String value = System.getenv("WABOTS_BOT_CACHE");
    if (value == null || value.isBlank()) {
      return locations.data().resolve("payara");
    }
    Path cache = Path.of(value.strip()).toAbsolutePath().normalize();
    LOG.log(Level.INFO, "Bots share the runtime and class-data archive in {0} (WABOTS_BOT_CACHE)", cache);
    return cache;
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
}
