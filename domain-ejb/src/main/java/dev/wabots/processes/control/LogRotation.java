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
 * Rotation of a log by size for writers that keep their file open in append mode (a bot's
 * redirected output, the orchestrator's own file handler): the file is copied to {@code .1}
 * (older ones shifted up to {@code .keep}) and then cut to nothing, so every writer goes on at its
 * new end — no process has to reopen anything. Lines written between the copy and the cut are
 * lost; at the sizes used that is a few lines in many megabytes.
 */
public final class LogRotation {

  private LogRotation() {}

  /** Rotates {@code file} when it is larger than {@code maxBytes}. @return whether it did */
  public static boolean rotateIfOver(Path file, long maxBytes, int keep) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) <= maxBytes) {
      return false;
    }
    Files.deleteIfExists(generation(file, keep));
    for (int g = keep - 1; g >= 1; g--) {
      if (Files.exists(generation(file, g))) {
        Files.move(generation(file, g), generation(file, g + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep >= 1) {
      Files.copy(file, generation(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    return true;
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
