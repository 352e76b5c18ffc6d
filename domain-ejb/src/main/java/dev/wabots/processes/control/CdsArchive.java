package dev.wabots.processes.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data-sharing archive for bot JVMs, built once by the first bot that runs (the JVM dumps
 * the classes it loaded when it exits) and mapped by every later bot: faster start, and the
 * archive's pages are shared between bots. Keyed by Java and Payara version; one trainer at a time;
 * a half-written archive is never used (it is promoted only after its JVM has exited).
 */
public final class CdsArchive {

  private final Path dir;
  private final Path payaraJar;
  private final AtomicBoolean training = new AtomicBoolean();

  public CdsArchive(Path dir, Path payaraJar) {
    this.dir = dir;
    this.payaraJar = payaraJar;
  }

  /** The archive for this JVM and this payara-micro.jar (an upgrade of either starts a new one). */
  public Path archive() {
    String key = (System.getProperty("java.vm.version", "java") + "-" + payaraKey()).replaceAll("[^A-Za-z0-9._-]", "_");
    return dir.resolve("bot-" + key + ".jsa");
  }

  private Path trainingFile() {
    return dir.resolve(archive().getFileName() + ".training");
  }

  /** JVM options for the next bot: map the archive, train it, or neither. */
  public Use use() throws IOException {
    Files.createDirectories(dir);
    Path archive = archive();
    if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
      return new Use(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), false);
    }
    if (training.compareAndSet(false, true)) {
      Files.deleteIfExists(trainingFile());
      return new Use(List.of("-XX:ArchiveClassesAtExit=" + trainingFile(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), true);
    }
    return new Use(List.of(), false);
  }

  /** After the training JVM exited: keep a complete archive, drop a broken one. */
  public void trainerExited(boolean cleanExit) {
    try {
      Path tmp = trainingFile();
      if (cleanExit && Files.isRegularFile(tmp) && Files.size(tmp) > 1024 * 1024) {
        Files.move(tmp, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the next start trains again
    } finally {
      training.set(false);
    }
  }

  private String payaraKey() {
    try {
      return Long.toHexString(Files.size(payaraJar)) + "-" + Long.toHexString(Files.getLastModifiedTime(payaraJar).toMillis());
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Options to add, and whether this JVM writes the archive when it exits. */
  public record Use(List<String> options, boolean trains) {}
}
