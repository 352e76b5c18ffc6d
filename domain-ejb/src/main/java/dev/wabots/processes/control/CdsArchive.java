package dev.wabots.processes.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class-data-sharing archive for bot JVMs, built once by the first bot that runs (the JVM dumps
 * the classes it loaded when it exits) and mapped by every later bot: faster start, and the
 * archive's pages are shared between bots. On JDK 25 and later it is an ahead-of-time cache
 * ({@code -XX:AOTCacheOutput} / {@code -XX:AOTCache}: classes also linked in advance), before that a
 * dynamic archive ({@code -XX:ArchiveClassesAtExit} / {@code -XX:SharedArchiveFile}). Keyed by the
 * bot's Java, the class path's jars and the folder's place; one trainer at a time per orchestrator; a half-written archive is never used
 * (it is promoted only after its JVM has exited).
 */
public final class CdsArchive {

  /** A recording's file name: which orchestrator (process id) it belongs to. */
  private static final Pattern RECORDING = Pattern.compile(".*\\.training-(\\d{1,18})(\\.config)?");

  private final Path dir;
  private final BotJava java;
  private final List<Path> jars;
  private final AtomicBoolean training = new AtomicBoolean();

  /** {@code jars}: what the bot's class path comes from (payara-micro.jar, the JDBC driver). */
  public CdsArchive(Path dir, BotJava java, List<Path> jars) {
    this.dir = dir;
    this.java = java;
    this.jars = List.copyOf(jars);
  }

  /**
   * The archive for the bot's Java and these jars: an upgrade of either starts a new one (the JVM
   * would refuse an archive whose class path jars changed, and the bot would start slowly).
   */
  public Path archive() {
    // "launcher": bots run Payara from the shared runtime's class path (PayaraLauncher); an archive
    // of the former "-jar payara-micro.jar" class path would not match it.
    StringBuilder key = new StringBuilder(java.version());
    key.append('-').append(Integer.toHexString(java.binary().hashCode()));
    // Where the data folder is: the archive names the class path's jars by absolute path (the
    // unpacked launcher is under it), and a JVM refuses it once the folder moved ("shared class
    // paths mismatch"), so a moved or restored-elsewhere folder trains a new one.
    key.append('-').append(Integer.toHexString(dir.toAbsolutePath().normalize().toString().hashCode()));
    jars.forEach(j -> key.append('-').append(fileKey(j)));
    return dir.resolve("bot-launcher-" + key.toString().replaceAll("[^A-Za-z0-9._-]", "_") + (java.aotCache() ? ".aot" : ".jsa"));
  }

  /**
   * This orchestrator's recording: its own file, so that orchestrators sharing the folder
   * (WABOTS_BOT_CACHE) never write into one file; the last complete one to finish is kept.
   */
  private Path trainingFile() {
    return dir.resolve(archive().getFileName() + ".training-" + ProcessHandle.current().pid());
  }

  /** Recordings (and JDK 25's intermediate files) of orchestrators no longer running, and our own earlier one. */
  private void removeDeadRecordings() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m = RECORDING.matcher(f.getFileName().toString());
        if (m.matches() && (f.getFileName().toString().startsWith(trainingFile().getFileName().toString())
            || ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Whether a process of this orchestrator records the archive, or writes what it recorded. */
  public boolean training() {
    return training.get();
  }

  /** Whether the archive exists: a start maps it and trains nothing. */
  public boolean ready() {
    try {
      Path archive = archive();
      return Files.isRegularFile(archive) && Files.size(archive) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** JVM options for the next bot: map the archive, train it, or neither. */
  public Use use() throws IOException {
    Files.createDirectories(dir);
    Path archive = archive();
    if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
      return new Use(java.aotCache() ? List.of("-XX:AOTCache=" + archive)
          : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), false);
    }
    if (training.compareAndSet(false, true)) {
      removeDeadRecordings();
      // JDK 25 writes the cache at exit with a second JVM it starts (the bot's stop waits for it).
      // No class unloading while recording: JDK 25.0.3 crashed writing the recording of a bot
      // (SIGSEGV in InstanceKlass::can_be_verified_at_dumptime, a superclass whose metadata was gone)
      // in ~1 of 40 trainings of the end-to-end tests; Payara discards class loaders of its
      // deployment, and a recording that never unloads a class cannot meet a half-unloaded one.
      // Costs the trainer a few MB of classes until its next start.
      return new Use(java.aotCache()
          ? List.of("-XX:AOTCacheOutput=" + trainingFile(), "-Xlog:aot=off", "-Xlog:cds=off", "-XX:-ClassUnloading")
          : List.of("-XX:ArchiveClassesAtExit=" + trainingFile(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
              "-XX:-ClassUnloading"), true);
    }
    return new Use(List.of(), false);
  }

  /**
   * Whether a training bot's recording can be ended while it runs: JDK 25's {@code jcmd <pid>
   * AOT.end_recording} writes the cache then (with a child JVM the bot starts) and the bot runs on
   * untrained. Otherwise the cache is written when the trainer exits, which for a bot in service
   * may be weeks away, and until then every other bot starts without one.
   */
  public boolean endsWhileRunning() {
    return java.aotCache() && Files.isExecutable(java.jcmd());
  }

  /**
   * Starts {@code jcmd <pid> AOT.end_recording} for the training bot {@code pid}; when the returned
   * process has exited, {@link #trainerExited} keeps the cache if it was written completely.
   */
  public Process endRecording(long pid, Path log) throws IOException {
    return java.jcmd(log, Long.toString(pid), "AOT.end_recording");
  }

  /**
   * After the recording ended: the memory the bot used to write the cache stays with it (+130 MB of
   * freed but kept native heap, measured), so it is handed back to the system.
   */
  public void releaseRecordingMemory(long pid, Path log) throws IOException {
    java.jcmd(log, Long.toString(pid), "System.trim_native_heap");
  }

  /**
   * After the training JVM exited, or ended its recording: keep a complete archive, drop a broken
   * one.
   */
  public void trainerExited(boolean cleanExit) {
    try {
      Path tmp = trainingFile();
      if (cleanExit && Files.isRegularFile(tmp) && Files.size(tmp) > 1024 * 1024) {
        Files.move(tmp, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.deleteIfExists(tmp);
      }
      Files.deleteIfExists(dir.resolve(tmp.getFileName() + ".config")); // JDK 25's intermediate file
    } catch (IOException e) {
      // the next start trains again
    } finally {
      training.set(false);
    }
  }

  /** Size and modification time of a file: changes when the file is replaced by another version. */
  static String fileKey(Path file) {
    try {
      return Long.toHexString(Files.size(file)) + "-" + Long.toHexString(Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Options to add, and whether this JVM writes the archive when it exits. */
  public record Use(List<String> options, boolean trains) {}
}
