package dev.wabots.processes.control;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A training orchestrator ({@link OrchestratorLaunch}) records which classes it loads while it
 * starts ({@code -XX:AOTMode=record}). Shortly after it serves it ends that recording itself
 * ({@code jcmd <own pid> AOT.end_recording}, under a second: only the recording's configuration is
 * written), and a separate JVM turns the configuration into the cache ({@code -XX:AOTMode=create},
 * ~15–25 s of CPU at low priority, in a session of its own). The creator outlives the
 * orchestrator: a stop, a kill or a crash right after the start does not lose the recording, and
 * no stop waits for a cache to be written. The cache appears under its name only when it is
 * complete. Nothing here stops the orchestrator from serving: a recording that cannot be ended or
 * turned into a cache is dropped, and the next start records again.
 */
public final class OrchestratorRecording {

  private static final Logger LOG = System.getLogger(OrchestratorRecording.class.getName());

  private OrchestratorRecording() {}

  /** When this JVM records: ends the recording {@code after} this long, on a thread of its own. */
  public static void endAfter(Duration after) {
    String config = System.getProperty(OrchestratorLaunch.TRAINING_PROPERTY);
    String cache = System.getProperty(OrchestratorLaunch.CACHE_PROPERTY);
    if (config == null || cache == null) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(after.toMillis());
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        List<String> jvm = jvmOptions(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
        Process creator = end(bin.resolve("jcmd"), bin.resolve("java"), ProcessHandle.current().pid(), jvm, Path.of(config),
            Path.of(cache));
        if (creator != null) {
          LOG.log(Level.INFO, "Ended the orchestrator''s ahead-of-time recording; pid {0} creates the cache from it at low"
              + " priority", String.valueOf(creator.pid()));
          long t0 = System.nanoTime();
          creator.waitFor();
          if (Files.isRegularFile(Path.of(cache))) {
            LOG.log(Level.INFO, "Wrote the orchestrator''s ahead-of-time cache in {0} ms ({1} MB): the next start maps it ({2})",
                (System.nanoTime() - t0) / 1_000_000, Files.size(Path.of(cache)) / (1024 * 1024), cache);
          } else {
            LOG.log(Level.WARNING, "The orchestrator''s ahead-of-time cache was not created (see {0}, and {1} if the creator"
                + " crashed); the next start records it again", creatorLog(Path.of(cache)), crashReports(Path.of(cache)));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Cannot read the orchestrator''s ahead-of-time cache: " + e.getMessage());
      }
    }, "aot-recording");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The JVM's own options from its command line, up to Payara's main class, without the
   * recording's: what the creator needs to build a cache this JVM's successors can map.
   */
  static List<String> jvmOptions(List<String> arguments) {
    List<String> options = new ArrayList<>();
    for (String a : arguments) {
      if (a.equals(PayaraLauncher.MAIN_CLASS)) {
        break;
      }
      if (!a.startsWith("-XX:AOTMode=") && !a.startsWith("-XX:AOTConfiguration=") && !a.startsWith("-XX:AOTCache")
          && !a.startsWith("-D" + OrchestratorLaunch.TRAINING_PROPERTY + "=")
          && !a.startsWith("-D" + OrchestratorLaunch.CACHE_PROPERTY + "=")) {
        options.add(a);
      }
    }
    return options;
  }

  /**
   * Ends the recording of process {@code pid} and starts the creator of the cache; returns it, or
   * null when the recording could not be ended (then it is dropped).
   */
  static Process end(Path jcmd, Path java, long pid, List<String> jvmOptions, Path config, Path cache)
      throws InterruptedException {
    try {
      Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "AOT.end_recording"))
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      String output;
      try (var in = p.getInputStream()) {
        output = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8).strip();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("jcmd AOT.end_recording did not end within 60 s");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(config) || Files.size(config) == 0) {
        throw new IOException("jcmd AOT.end_recording exited with " + p.exitValue() + " and no recording: " + output);
      }
      // The recording's memory is freed but kept by the C library (as with the bots' recordings):
      // handed back, the orchestrator is ~190 MB smaller until its next start.
      new ProcessBuilder(jcmd.toString(), Long.toString(pid), "System.trim_native_heap")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
      Path creating = cache.resolveSibling(cache.getFileName() + ".creating-" + pid);
      List<String> command = new ArrayList<>(List.of("setsid", "nice", "-n", "10", "sh", "-c",
          // The cache gets its name only when the creator succeeded; the recording goes either way.
          "tmp=$1; cache=$2; config=$3; shift 3; if \"$@\" && [ -s \"$tmp\" ]; then mv -f \"$tmp\" \"$cache\"; fi;"
              + " rm -f \"$tmp\" \"$config\"",
          "aot-create", creating.toString(), cache.toString(), config.toString(), java.toString()));
      command.addAll(jvmOptions);
      // A crash of the creator (seen once: a JDK 25.0.3 fault in AOTClassLinker) writes its report beside the
      // creator's log, not into the orchestrator's working directory (the installation's folder).
      command.add("-XX:ErrorFile=" + crashReports(cache));
      command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + creating));
      return new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(creatorLog(cache).toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "The orchestrator''s ahead-of-time recording was dropped ({0}); the next start records it again",
          e.getMessage());
      try {
        Files.deleteIfExists(config);
      } catch (IOException ignored) {
        // the next start's launch plan removes it
      }
      return null;
    }
  }

  /** Where a crashing creator writes its report ({@code %p}: the JVM puts in its pid). */
  static Path crashReports(Path cache) {
    return cache.resolveSibling("orchestrator-aot-create-hs_err-%p.log");
  }

  /** Where the creator writes what it says (the last creator's only). */
  static Path creatorLog(Path cache) {
    return cache.resolveSibling("orchestrator-aot-create.log");
  }
}
