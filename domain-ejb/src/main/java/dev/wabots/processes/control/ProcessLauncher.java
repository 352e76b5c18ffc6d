package dev.wabots.processes.control;

import dev.wabots.platform.Folders;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spawns one bot process: {@code java [bot JVM options] -cp <shared Payara runtime> PayaraMicroImpl
 * --deploy bot-app.war --port <webhook_port> --nohazelcast …} in its own session (so a Ctrl-C of the orchestrator does
 * not reach it and it outlives the orchestrator), with its own Payara root folder, a clean
 * environment, and stdout/stderr appended to its log file after a header line naming the time and
 * the pid. The launcher is the seam for running bots elsewhere (containers, other hosts).
 */
public final class ProcessLauncher {

  private static final Logger LOG = System.getLogger(ProcessLauncher.class.getName());

  /**
   * Environment variables a bot inherits from the orchestrator; everything else is dropped. {@code
   * WABOTS_GRAPH_MESSAGES_PER_SECOND}: the bots' send rate per business number (Meta's throughput
   * tier: 80 by default, up to 1 000).
   */
  static final List<String> INHERITED_ENV =
      List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "JAVA_HOME", "TMPDIR", "MALLOC_ARENA_MAX",
          "WABOTS_GRAPH_MESSAGES_PER_SECOND");

  private final Path runtime;
  private final Path data;
  private final CdsArchive cds;
  private final PayaraLauncher payara;
  private final SqliteNative sqliteNative;
  private final BotJava java;

  /** {@code cache}: where the bots' unpacked Payara runtime and class-data archive go (see {@link #ProcessLauncher(Path, Path, BotJava, Path)}). */
  public ProcessLauncher(Path runtime, Path data, Path cache) {
    this(runtime, data, BotJava.resolve(System.getenv()), cache);
  }

  /**
   * Where bots run: empty for this machine's own network, or a network namespace ({@code ip netns
   * exec <name>}: the bot has its own address, and the orchestrator reaches it only over it).
   */
  private volatile String netns;
  /** Addresses other than loopback whose calls the bot treats as the orchestrator's. */
  private volatile String trustedAddresses;

  /** Log size limit and files kept, handed to bots that rotate their own output; 0: not set. */
  private volatile long logMaxBytes;
  private volatile int logKeep;

  /**
   * Bots rotate their own output at {@code maxBytes}, keeping {@code keep} older files, when their
   * Java can reopen it ({@link #botsRotateTheirLogs()}); told through their environment.
   */
  public void rotateLogs(long maxBytes, int keep) {
    this.logMaxBytes = maxBytes;
    this.logKeep = keep;
  }

  /**
   * Whether bots rename their log away and reopen it themselves: that needs the foreign function
   * API ({@code dup2} on the process's output), JDK 22 or later. Older bots are rotated by copy.
   */
  public boolean botsRotateTheirLogs() {
    return java.feature() >= 22 && logMaxBytes > 0;
  }

  /** Bots run in network namespace {@code name}, trusting calls from {@code orchestratorAddress}. */
  public void inNamespace(String name, String orchestratorAddress) {
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("not a network namespace name: " + name);
    }
    this.netns = name;
    this.trustedAddresses = orchestratorAddress;
  }

  public ProcessLauncher(Path runtime, Path data, BotJava java) {
    this(runtime, data, java, data.resolve("payara"));
  }

  /**
   * {@code cache}: the folder of what every bot of this runtime shares and nothing writes into
   * once made, the unpacked Payara runtime, the class-data archive and SQLite's native library;
   * {@code <data>/payara} by default. Installations of the same version on one machine may share
   * one (the end-to-end tests do: each would otherwise train its own archive); the runtime is
   * written under a file lock and each orchestrator trains into its own file.
   */
  public ProcessLauncher(Path runtime, Path data, BotJava java, Path cache) {
    this.runtime = runtime;
    this.data = data;
    this.java = java;
    // bot.jvm too: options such as the collector must match between the archive's trainer and
    // the bots that map it (a JVM refuses an archive of other settings and the bot starts without).
    this.cds = new CdsArchive(cache.resolve("cds"), java,
        List.of(runtime.resolve("payara-micro.jar"), runtime.resolve("sqlite-jdbc.jar"), runtime.resolve("bot.jvm"),
            runtime.resolve(BOT_MODULES_LEFT_OUT), runtime.resolve(BOT_RUNTIME_JAR)));
    this.payara = new PayaraLauncher(runtime.resolve("payara-micro.jar"), cache);
    this.sqliteNative = new SqliteNative(runtime.resolve("sqlite-jdbc.jar"), cache);
  }

  public CdsArchive cds() {
    return cds;
  }

  /** The Java bots run on. */
  public BotJava java() {
    return java;
  }

  /** What to start. {@code token} is the bot's own JWT; it goes into the environment only. */
  public record Spec(String instanceId, int port, String token, String commandSecret, String orchestratorUrl,
      Path logFile) {}

  /** A started process and whether it trains the class-data archive. */
  public record Spawned(Process process, boolean trainsCds) {}

  public Spawned spawn(Spec spec) {
    return start(spec.instanceId(), spec.port(), spec.logFile(), Map.of(
        "WA_INSTANCE_ID", spec.instanceId(),
        "WA_INTERNAL_TOKEN", spec.token(),
        "WA_COMMAND_SECRET", spec.commandSecret(),
        "ORCHESTRATOR_URL", spec.orchestratorUrl()));
  }

  /** The folder name and {@code -Dwabots.instance} of pre-started spares. */
  public static final String SPARE = "_spare";
  /** The runtime's list of Payara modules the bots' class path leaves out ({@link PayaraLauncher#botLauncherJar}). */
  static final String BOT_MODULES_LEFT_OUT = "bot-modules-left-out.txt";
  /**
   * Our code that runs in a bot's Payara outside its application (server-config's classes: the
   * request threads that {@code bot-pre-boot.asadmin} names); on the class path when present.
   */
  static final String BOT_RUNTIME_JAR = "bot-runtime.jar";

  /**
   * Whether spares can be used here: the shared Payara runtime, a bot Java with the foreign
   * function API (a spare redirects its output to the bot's log when it becomes one), and an
   * archive that is trained or can be trained by a spare: JDK 25's recording, which the supervisor
   * ends once the first bot handed to the spare is ready. A dynamic archive (JDK 22–24) is written
   * only when its trainer exits, which a bot in service may never do; there a bot trains it. While
   * another process records or writes the archive, no spare: it would boot with neither.
   */
  public boolean sparesPossible() {
    return payara.supported() && java.feature() >= 22 && (cds.ready() || (cds.endsWhileRunning() && !cds.training()));
  }

  /**
   * A pre-started spare: a bot process booted without a bot, on a port of its own, waiting for
   * {@code POST /internal/adopt} with {@code secret}; its output goes to {@code logFile} until it
   * becomes a bot.
   */
  public Spawned spawnSpare(int port, String secret, String orchestratorUrl, Path logFile) {
    // Each spare has a root folder of its own: the bot a spare became keeps running in it while
    // the next spare boots. Folders of spares that no process runs in any more are removed.
    removeUnusedSpareFolders();
    return start(SPARE, SPARE + "-" + System.currentTimeMillis(), port, logFile,
        Map.of("WA_SPARE_SECRET", secret, "ORCHESTRATOR_URL", orchestratorUrl));
  }

  private void removeUnusedSpareFolders() {
    Path bots = data.resolve("payara").resolve("bots");
    if (!Files.isDirectory(bots)) {
      return;
    }
    List<String> commandLines = ProcessHandle.allProcesses().map(ProcessLauncher::fullCommandLine)
        .filter(c -> c.contains("bot-app.war")).toList();
    try (var folders = Files.list(bots)) {
      folders.filter(f -> f.getFileName().toString().startsWith(SPARE + "-"))
          .filter(f -> commandLines.stream().noneMatch(c -> c.contains("--rootdir " + f + " ")))
          .forEach(Folders::deleteTree);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot list the bots'' root folders in {0}: {1}", bots, e.getMessage());
    }
  }

  /** From /proc where it can (ProcessHandle's command line may be cut short), else ProcessHandle's. */
  private static String fullCommandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return p.info().commandLine().orElse("");
    }
  }

  private Spawned start(String name, int port, Path logFile, Map<String, String> identity) {
    return start(name, name, port, logFile, identity);
  }

  private Spawned start(String name, String folder, int port, Path logFile, Map<String, String> identity) {
    try {
      Files.createDirectories(logFile.getParent());
      Path rootDir = data.resolve("payara").resolve("bots").resolve(folder);
      // Payara Micro records a deployment in its root folder and would load the previous start's
      // copy of bot-app, then deploy --deploy's on top: two deployments, the app started twice.
      // Like ./wabots run for the orchestrator: the configuration is rebuilt on every start. The
      // runtime is shared by all bots (PayaraLauncher); "runtime" is a per-bot copy that older
      // versions unpacked (~100 MB each).
      boolean shared = payara.supported();
      for (String stale : shared ? List.of("applications", "generated", "config", "runtime")
          : List.of("applications", "generated", "config")) {
        Folders.deleteTree(rootDir.resolve(stale));
      }
      Files.createDirectories(rootDir);
      Path launcherJar = null;
      if (shared) {
        payara.prepare();
        payara.freshConfig(rootDir, runtime.resolve("bot-default-web.xml"));
        launcherJar = payara.botLauncherJar(runtime.resolve(BOT_MODULES_LEFT_OUT));
      }
      List<String> java = new ArrayList<>();
      java.add(this.java.binary());
      java.addAll(jvmOptions());
      CdsArchive.Use use = cds.use();
      java.addAll(use.options());
      if (shared) {
        java.addAll(payara.jvmOptions(launcherJar));
      }
      java.addAll(sqliteNative.jvmOptions());
      java.add("-Dwabots.instance=" + name);
      if (shared) {
        // The SQLite driver goes on the class path next to Payara (what --addlibs does for -jar).
        String classPath = launcherJar + File.pathSeparator + runtime.resolve("sqlite-jdbc.jar");
        if (Files.isRegularFile(runtime.resolve(BOT_RUNTIME_JAR))) {
          classPath += File.pathSeparator + runtime.resolve(BOT_RUNTIME_JAR);
        }
        java.addAll(List.of("-cp", classPath, PayaraLauncher.MAIN_CLASS));
      } else {
        java.addAll(List.of("-jar", runtime.resolve("payara-micro.jar").toString(),
            "--addlibs", runtime.resolve("sqlite-jdbc.jar").toString()));
      }
      java.addAll(List.of(
          "--deploy", runtime.resolve("bot-app.war").toString(),
          "--contextroot", "/",
          "--port", Integer.toString(port),
          "--nohazelcast",
          "--disablephonehome",
          "--rootdir", rootDir.toString(),
          "--logproperties", runtime.resolve(logProperties(System.getenv("WABOTS_LOG_FORMAT"))).toString()));
      // Payara's own endpoints off the webhook's port, no server header (see the file's comments).
      Path preBoot = runtime.resolve("bot-pre-boot.asadmin");
      if (Files.isRegularFile(preBoot)) {
        java.addAll(List.of("--prebootcommandfile", preBoot.toString()));
      }
      List<String> command = new ArrayList<>();
      if (netns != null) {
        command.addAll(List.of("ip", "netns", "exec", netns)); // execs the rest: the pid stays the bot's
      }
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        command.add("/usr/bin/setsid");
      } else {
        LOG.log(Level.WARNING, "setsid not found: bot {0} shares the orchestrator's session", name);
      }
      // The shell prints the header with its own pid, then becomes java (exec keeps the pid).
      command.addAll(List.of("/bin/sh", "-c",
          "printf '%s ==== %s starting, pid %s ====\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" \"${WA_INSTANCE_ID:+bot $WA_INSTANCE_ID}${WA_SPARE_SECRET:+pre-started spare}\" \"$$\"; exec \"$@\"",
          "wabots-bot"));
      command.addAll(java);
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(rootDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> env = pb.environment();
      Map<String, String> inherited = new java.util.HashMap<>(env);
      env.clear();
      INHERITED_ENV.forEach(k -> {
        if (inherited.containsKey(k)) {
          env.put(k, inherited.get(k));
        }
      });
      env.putAll(identity);
      if (trustedAddresses != null) {
        env.put("WA_TRUSTED_ADDRESSES", trustedAddresses);
      }
      env.put("WA_DATA_DIR", data.toString());
      env.put("WA_LOG_FILE", logFile.toAbsolutePath().toString());
      if (logMaxBytes > 0) {
        env.put("WA_LOG_MAX_BYTES", Long.toString(logMaxBytes));
        env.put("WA_LOG_KEEP", Integer.toString(logKeep));
      }
      Process process = pb.start();
      LOG.log(Level.INFO, "Started {0} on port {1}: pid {2}{3}", identity.containsKey("WA_SPARE_SECRET") ? "a pre-started spare" : "bot " + name, String.valueOf(port),
          String.valueOf(process.pid()), use.trains() ? " (training the class-data archive)" : "");
      return new Spawned(process, use.trains());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bot JVM options from {@code bot.jvm} in the runtime folder (one per line, # comments;
   * {@code ${runtime}} stands for that folder, for files shipped beside it), for the bots' Java.
   */
  List<String> jvmOptions() throws IOException {
    return jvmOptions(runtime, java.feature());
  }

  /** A line that applies from a Java feature version on: {@code [jdk 18+] -XX:+UseStringDeduplication}. */
  private static final Pattern FROM_VERSION = Pattern.compile("\\[jdk (\\d{1,3})\\+\\]\\s*(.*)");

  /**
   * {@code bot.jvm}'s options for a bot Java of this feature version: a line that begins with
   * {@code [jdk N+]} applies only from version N on (an option an older JVM refuses or warns about).
   */
  static List<String> jvmOptions(Path runtime, int javaFeature) throws IOException {
    Path file = runtime.resolve("bot.jvm");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String option = line.replaceAll("#.*", "").trim();
      Matcher guarded = FROM_VERSION.matcher(option);
      if (guarded.matches()) {
        option = javaFeature >= Integer.parseInt(guarded.group(1)) ? guarded.group(2).trim() : "";
      } else if (option.startsWith("[")) {
        throw new IOException(file + ": '" + line.trim() + "' is neither an option nor '[jdk N+] option'");
      }
      if (!option.isEmpty()) {
        options.add(option.replace("${runtime}", runtime.toAbsolutePath().toString()));
      }
    }
    return options;
  }

  /** The bots' logging configuration: {@code WABOTS_LOG_FORMAT=json} gives one JSON object per line. */
  static String logProperties(String format) {
    return "json".equals(format) ? "bot-logging-json.properties" : "bot-logging.properties";
  }
}
