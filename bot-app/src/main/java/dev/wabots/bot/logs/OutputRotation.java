package dev.wabots.bot.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A process rotating its own output file by size: the file is renamed to {@code .1} (older ones
 * shifted up to {@code .keep}, the names the orchestrator's log view reads) and descriptors 1 and 2
 * are pointed at a new file ({@link OutputRedirect}). Until the switch, writes go on into the
 * renamed file; after it, into the new one — no line is lost between a copy and a cut, none is
 * written twice. When the name no longer is this process's output (renamed or removed by someone
 * else), the output follows the name.
 */
public final class OutputRotation {

  /** What a check did. */
  public enum Outcome { NOTHING, ROTATED, REOPENED }

  private final long maxBytes;
  private final int keep;
  private Path file;

  public OutputRotation(Path file, long maxBytes, int keep) {
    this.file = file;
    this.maxBytes = Math.max(1, maxBytes);
    this.keep = Math.max(1, keep);
  }

  public synchronized Path file() {
    return file;
  }

  /** From now on the output goes to the end of {@code other} (a spare becoming a bot). */
  public synchronized void moveTo(Path other) throws IOException {
    OutputRedirect.appendTo(other);
    file = other;
  }

  /** Rotates when the file is over the limit; reopens it when the output is another file. */
  public synchronized Outcome check() throws IOException {
    if (!OutputRedirect.writesTo(file)) {
      OutputRedirect.appendTo(file);
      return Outcome.REOPENED;
    }
    if (Files.size(file) <= maxBytes) {
      return Outcome.NOTHING;
    }
    // The same shifting as the orchestrator's LogRotation (bot-app does not depend on it).
    Files.deleteIfExists(generation(keep));
    for (int g = keep - 1; g >= 1; g--) {
      if (Files.exists(generation(g))) {
        Files.move(generation(g), generation(g + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, generation(1), StandardCopyOption.ATOMIC_MOVE);
    OutputRedirect.appendTo(file);
    return Outcome.ROTATED;
  }

  private Path generation(int g) {
    return file.resolveSibling(file.getFileName() + "." + g);
  }
}
