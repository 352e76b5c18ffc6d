package dev.wabots.processes.control;

import dev.wabots.platform.Folders;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How {@code ./wabots run} starts the orchestrator's own JVM on a JDK 25: as the bots run, from
 * Payara's launcher class path (the unpacked runtime the bots share, {@link PayaraLauncher}) with
 * JDK 25's ahead-of-time cache — start to ready 18.2 → 10.6 s on two cores (BENCHMARKS.md,
 * "Orchestrator cold start"). Without a JDK 25, or with {@code JAVA} naming an older Java, there is
 * no plan and the orchestrator starts as before ({@code java -jar payara-micro.jar}).
 *
 * <p>The cache is keyed like the bots' archive ({@link CdsArchive}): by the Java, the cache
 * folder's place (the class path names the unpacked runtime by absolute path), the jars and the
 * orchestrator's JVM options; a change of any of them records a new one. The first start records
 * into a file of its own process; the orchestrator ends that recording once it serves and another
 * JVM creates the cache from it ({@link OrchestratorRecording}), so no start ever maps a
 * half-written cache and no stop waits for one to be written.
 */
public final class OrchestratorLaunch {

  /** System property naming the recording's file in a training orchestrator. */
  public static final String TRAINING_PROPERTY = "wabots.aot.training";
  /** System property naming where a complete recording goes. */
  public static final String CACHE_PROPERTY = "wabots.aot.cache";
  private static final Pattern RECORDING = Pattern.compile("orchestrator-.*\\.aot\\.(training|creating)-(\\d{1,18})");

  /**
   * The Java to run on and the JVM options that go after the orchestrator's own, ending with the
   * class path and Payara's main class; {@code trains}: this start records the cache.
   */
  public record Plan(String java, List<String> options, boolean trains, Path cache) {}

  private OrchestratorLaunch() {}

  /**
   * @param java the Java {@code JAVA} names, or null/blank when unset (a JDK 25 under {@code jvms}
   *     is then preferred)
   * @param cacheDir the folder the bots share (WABOTS_BOT_CACHE, else {@code <data>/payara})
   * @param rootDir the orchestrator's Payara root folder: gets a fresh copy of the configuration
   * @param pid the process id the orchestrator will have ({@code ./wabots run} execs the JVM)
   */
  public static Optional<Plan> plan(String java, Path jvms, Path runtime, Path cacheDir, Path rootDir, long pid)
      throws IOException {
    Optional<BotJava> chosen = java == null || java.isBlank()
        ? BotJava.installed(jvms).stream().filter(j -> j.feature() == BotJava.PREFERRED).findFirst()
        : BotJava.of(Path.of(java)).or(() -> onPath(java));
    if (chosen.isEmpty() || !chosen.get().aotCache()) {
      return Optional.empty();
    }
    PayaraLauncher payara = new PayaraLauncher(runtime.resolve("payara-micro.jar"), cacheDir);
    if (!payara.supported()) {
      return Optional.empty();
    }
    Path launcherDir = payara.prepare();
    payara.freshConfig(rootDir, rootDir.resolve("no-web-defaults")); // the orchestrator keeps the server's
    // Payara looks for its JDBC resource adapters under the root folder's lib/install/applications:
    // `-jar` unpacks them there, the launcher does not, and without them no connection pool starts
    // (the orchestrator's database). 0.7 MB, copied fresh from the runtime on every start.
    Folders.deleteTree(rootDir.resolve("lib"));
    PayaraLauncher.copyTree(launcherDir.resolve("lib"), rootDir.resolve("lib"));
    Path sqlite = runtime.resolve("sqlite-jdbc.jar");
    Path aotDir = cacheDir.resolve("cds");
    Files.createDirectories(aotDir);
    Path cache = aotDir.resolve(cacheName(chosen.get(), cacheDir, List.of(runtime.resolve("payara-micro.jar"), sqlite,
        runtime.resolve("orchestrator.jvm"))));
    List<String> options = new ArrayList<>();
    boolean trains = !(Files.isRegularFile(cache) && Files.size(cache) > 0);
    if (trains) {
      removeDeadRecordings(aotDir);
      Path training = aotDir.resolve(cache.getFileName() + ".training-" + pid);
      // Recording only: the cache is created by another JVM (OrchestratorRecording), so neither
      // this start nor its stop waits for it. No class unloading while recording: see CdsArchive
      // (a JDK 25.0.3 crash writing a recording).
      options.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + training, "-Xlog:aot=off", "-Xlog:cds=off",
          "-XX:-ClassUnloading", "-D" + TRAINING_PROPERTY + "=" + training, "-D" + CACHE_PROPERTY + "=" + cache));
    } else {
      options.add("-XX:AOTCache=" + cache);
    }
    options.addAll(payara.jvmOptions());
    // sqlite-jdbc loads its native library: JDK 25 warns on every start unless native access is allowed.
    options.add("--enable-native-access=ALL-UNNAMED");
    options.addAll(List.of("-cp", payara.launcherJar() + File.pathSeparator + sqlite, PayaraLauncher.MAIN_CLASS));
    return Optional.of(new Plan(chosen.get().binary(), options, trains, cache));
  }

  static String cacheName(BotJava java, Path cacheDir, List<Path> files) {
    StringBuilder key = new StringBuilder(java.version());
    key.append('-').append(Integer.toHexString(java.binary().hashCode()));
    key.append('-').append(Integer.toHexString(cacheDir.toAbsolutePath().normalize().toString().hashCode()));
    files.forEach(f -> key.append('-').append(CdsArchive.fileKey(f)));
    return "orchestrator-" + key.toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".aot";
  }

  /**
   * Recordings of orchestrators that no longer run, and caches a creator left half-written (a
   * creator outlives its orchestrator by design, so only after an hour).
   */
  static void removeDeadRecordings(Path aotDir) throws IOException {
    Instant abandoned = Instant.now().minus(Duration.ofHours(1));
    try (Stream<Path> files = Files.list(aotDir)) {
      for (Path f : files.toList()) {
        Matcher m = RECORDING.matcher(f.getFileName().toString());
        if (m.matches() && (m.group(1).equals("creating") ? Files.getLastModifiedTime(f).toInstant().isBefore(abandoned)
            : !ProcessHandle.of(Long.parseLong(m.group(2))).map(ProcessHandle::isAlive).orElse(false))) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** {@code JAVA=java}: the binary found on the PATH. */
  private static Optional<BotJava> onPath(String command) {
    if (command.contains(File.separator)) {
      return Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return BotJava.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** One line per item, as {@code ./wabots run} reads it (the Java first). */
  public static String lines(Plan plan) {
    StringBuilder out = new StringBuilder(plan.java()).append('\n');
    plan.options().forEach(o -> out.append(o).append('\n'));
    return out.toString();
  }
}
