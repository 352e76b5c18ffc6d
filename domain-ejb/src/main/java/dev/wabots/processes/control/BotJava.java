package dev.wabots.processes.control;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java that bot processes run on. Bots need not run on the orchestrator's Java: on a JDK 25 a
 * bot maps an ahead-of-time cache (classes loaded and linked in advance, JEP 483/514) and starts
 * about a second sooner than on JDK 17 with a class-data archive (BENCHMARKS.md, bot start).
 *
 * <p>{@code WABOTS_BOT_JAVA} chooses: a {@code java} binary or a JDK folder, or {@code same} for the
 * orchestrator's own Java. Unset: a JDK {@value #PREFERRED} found under {@code /usr/lib/jvm} (the
 * version bots are tested on), else the orchestrator's Java. A value that is not a usable Java is
 * logged and the default is used.
 */
public record BotJava(String binary, String version, int feature) {

  private static final Logger LOG = System.getLogger(BotJava.class.getName());
  public static final String ENV = "WABOTS_BOT_JAVA";
  /** The feature version bots are tested on when it is installed. */
  static final int PREFERRED = 25;
  /** From this feature version on, a bot uses an ahead-of-time cache instead of a class-data archive. */
  static final int AOT_CACHE_FROM = 25;
  private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
  private static final Pattern RUNTIME_VERSION = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"");
  private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

  /** Whether this Java uses an AOT cache ({@code -XX:AOTCache}) rather than a dynamic CDS archive. */
  public boolean aotCache() {
    return feature >= AOT_CACHE_FROM;
  }

  public static BotJava resolve(Map<String, String> env) {
    return resolve(env.get(ENV), Path.of("/usr/lib/jvm"), orchestratorJava());
  }

  static BotJava resolve(String setting, Path jvmFolder, Path own) {
    String value = setting == null ? "" : setting.trim();
    if (!value.isEmpty() && !value.equals("same")) {
      Optional<BotJava> chosen = of(Path.of(value));
      if (chosen.isPresent()) {
        return chosen.get();
      }
      LOG.log(Level.WARNING, "{0}={1} is not a java binary nor a JDK folder with bin/java that runs: bots use the default Java",
          ENV, value);
    }
    if (!value.equals("same")) {
      Optional<BotJava> preferred = installed(jvmFolder).stream().filter(j -> j.feature() == PREFERRED).findFirst();
      if (preferred.isPresent()) {
        return preferred.get();
      }
    }
    return of(own).orElseGet(() -> new BotJava(own.toString(), System.getProperty("java.version"), Runtime.version().feature()));
  }

  /** The JDKs in a folder like /usr/lib/jvm, newest first (symbolic links to the same JDK once). */
  static List<BotJava> installed(Path jvmFolder) {
    List<BotJava> found = new ArrayList<>();
    if (!Files.isDirectory(jvmFolder)) {
      return found;
    }
    try (Stream<Path> homes = Files.list(jvmFolder)) {
      homes.filter(h -> !Files.isSymbolicLink(h)).sorted().forEach(h -> fromRelease(h).ifPresent(found::add));
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot list " + jvmFolder, e);
    }
    found.sort(Comparator.comparingInt((BotJava j) -> j.feature()).reversed());
    return found;
  }

  /** A java binary or a JDK folder; empty when it is neither. */
  static Optional<BotJava> of(Path path) {
    Path binary = Files.isDirectory(path) ? path.resolve("bin").resolve("java") : path;
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      return Optional.empty();
    }
    try {
      Path home = binary.toRealPath().getParent().getParent();
      Optional<BotJava> released = fromRelease(home);
      if (released.isPresent()) {
        return released;
      }
    } catch (IOException | NullPointerException e) {
      // no JDK layout around it: ask the binary
    }
    return fromVersionOutput(binary);
  }

  private static Optional<BotJava> fromRelease(Path home) {
    Path binary = home.resolve("bin").resolve("java");
    Path release = home.resolve("release");
    if (!Files.isExecutable(binary) || !Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      String text = Files.readString(release, StandardCharsets.UTF_8);
      Matcher m = RELEASE_VERSION.matcher(text);
      if (!m.find()) {
        return Optional.empty();
      }
      // The runtime version names the build too (two builds of 25.0.3 differ).
      Matcher runtime = RUNTIME_VERSION.matcher(text);
      String version = runtime.find() ? runtime.group(1) : m.group(1);
      return Optional.of(new BotJava(binary.toString(), version, feature(m.group(1))));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<BotJava> fromVersionOutput(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "-version").redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      Matcher m = VERSION_OUTPUT.matcher(out);
      return p.exitValue() == 0 && m.find()
          ? Optional.of(new BotJava(binary.toString(), m.group(1), feature(m.group(1))))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** "17.0.15" → 17, "25" → 25, "1.8.0_402" → 8. */
  static int feature(String version) {
    String[] parts = version.split("[.+_-]");
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }

  /** The binary the orchestrator itself runs on. */
  static Path orchestratorJava() {
    return Path.of(ProcessHandle.current().info().command()
        .filter(c -> c.endsWith("/java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
  }

  /** The {@code jcmd} beside this Java's binary (absent in a JRE). */
  public Path jcmd() {
    return Path.of(binary).resolveSibling("jcmd");
  }

  /**
   * Starts {@code jcmd args…} against a JVM of this Java, its output appended to {@code log}; the
   * caller waits for it (or not) and bounds the wait.
   */
  public Process jcmd(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(jcmd().toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  @Override
  public String toString() {
    return binary + " (" + version + ")";
  }
}
