package dev.wabots.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Folders on disk. */
public final class Folders {

  private Folders() {}

  /** Deletes a folder with everything in it, as far as it can; a missing folder is no error. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort: what is left is overwritten or deleted next time
    }
  }
}
