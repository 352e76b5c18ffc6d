package dev.wabots.processes.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rotation of logs by size, {@code name.log.1} the newest older file, {@code .keep} the oldest.
 *
 * <p>Where the writer can reopen its file, the file is renamed away and the writer opens a new one
 * ({@link #renameAway}: the orchestrator's own {@link LogFileHandler}, bots on JDK 22 or later,
 * which rotate their own output). Every write lands in exactly one of the two files.
 *
 * <p>{@link #rotateIfOver} is the fallback for writers that cannot reopen (a bot on an older JDK,
 * whose output is a descriptor its process got at spawn): copy to {@code .1}, then cut to nothing,
 * so the writer goes on at the new end. Lines written between the copy and the cut are lost.
 */
public final class LogRotation {

  private LogRotation() {}

  /** Copies {@code file} to {@code .1} and cuts it when it is larger than {@code maxBytes}. @return whether it did */
  public static boolean rotateIfOver(Path file, long maxBytes, int keep) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) <= maxBytes) {
      return false;
    }
    shift(file, keep);
    if (keep >= 1) {
      Files.copy(file, generation(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    return true;
  }

  /**
   * Renames {@code file} to {@code .1} (older ones shifted, {@code .keep} the last kept); its writer
   * must then open a new {@code file}. Until it does, what it writes goes on into {@code .1}.
   */
  public static void renameAway(Path file, int keep) throws IOException {
    int kept = Math.max(1, keep);
    shift(file, kept);
    Files.move(file, generation(file, 1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Drops {@code .keep} and moves each older file one generation up, freeing {@code .1}. */
  private static void shift(Path file, int keep) throws IOException {
    Files.deleteIfExists(generation(file, Math.max(1, keep)));
    for (int g = keep - 1; g >= 1; g--) {
      if (Files.exists(generation(file, g))) {
        Files.move(generation(file, g), generation(file, g + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** {@code name.log.3} for generation 3. */
  public static Path generation(Path file, int g) {
    return file.resolveSibling(file.getFileName() + "." + g);
  }

  /** The last {@code lines} lines, reaching into the rotated files when the current one has fewer. */
  public static List<String> last(Path file, int lines) throws IOException {
    List<String> newest = LogTail.last(file, lines);
    if (newest.size() >= lines) {
      return newest;
    }
    List<String> all = new ArrayList<>(newest);
    for (int g = 1; all.size() < lines && Files.isRegularFile(generation(file, g)); g++) {
      List<String> older = LogTail.last(generation(file, g), lines - all.size());
      all.addAll(0, older);
    }
    return all;
  }
}
