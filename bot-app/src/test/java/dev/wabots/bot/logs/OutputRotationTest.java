package dev.wabots.bot.logs;

import dev.wabots.bot.os.ChildJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process whose standard output and error are appended to a file, as the orchestrator
 * spawns a bot ({@code >> log 2>&1}), writes numbered lines without pause while rotating its own
 * output ({@link RotatingWriter}). Needs a JDK 22 or later for {@code dup2} (bots run on one;
 * found under /usr/lib/jvm, or {@code WABOTS_BOT_JAVA}).
 */
class OutputRotationTest {

  @TempDir Path dir;

  static final int KEEP = 10_000;

  @Test
  void noLineIsLostOrWrittenTwiceWhileTheProcessWritesWithoutPauseDuringRotations() throws Exception {
    Optional<Path> java = ChildJava.find();
    assumeTrue(java.isPresent(), "no JDK 22 or later under /usr/lib/jvm (WABOTS_BOT_JAVA)");
    Path log = dir.resolve("whatsapp_bot_shop.log");
    Path count = dir.resolve("count");
    int rotations = 40;
    Process p = start(java.get(), log, RotatingWriter.class, log.toString(), count.toString(), Integer.toString(rotations),
        Long.toString(16 * 1024), Integer.toString(KEEP));
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the writer ends");
    assertEquals(0, p.exitValue(), Files.readString(log));

    int lines = Integer.parseInt(Files.readString(count).strip());
    List<String> all = allLines(log);
    assertTrue(Files.exists(generation(log, rotations)), "rotated " + rotations + " times while the process wrote");
    List<String> numbered = all.stream().filter(l -> l.startsWith("line ")).toList();
    assertEquals(lines, numbered.size(), "every line once (other lines: "
        + all.stream().filter(l -> !l.startsWith("line ")).limit(5).toList() + ")");
    for (int i = 0; i < lines; i++) {
      assertEquals("line " + (i + 1), numbered.get(i), "in order, none missing");
    }
    assertTrue(all.contains("stderr follows the file too"), "descriptor 2 was moved with 1");
  }

  @Test
  void aProcessWhoseFileWasRenamedBySomeoneElseWritesToTheNameAgain() throws Exception {
    Optional<Path> java = ChildJava.find();
    assumeTrue(java.isPresent(), "no JDK 22 or later under /usr/lib/jvm (WABOTS_BOT_JAVA)");
    Path log = dir.resolve("spare.log");
    Process p = spawnFollower(java.get(), log);
    awaitLine(log, "waiting");
    Files.move(log, dir.resolve("elsewhere.log"));
    Files.writeString(dir.resolve("go"), "go");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("elsewhere.log")));
    assertEquals(List.of("after the rename"), Files.readAllLines(log));
  }

  // ------------------------------------------------------------------ the child process

  /**
   * The child: {@code file countFile rotations maxBytes keep} — one thread writes numbered lines
   * without pause while the main thread rotates; after that many rotations the writer stops and the
   * number of lines it wrote goes to {@code countFile}.
   */
  public static final class RotatingWriter {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      int rotations = Integer.parseInt(args[2]);
      OutputRotation rotation = new OutputRotation(file, Long.parseLong(args[3]), Integer.parseInt(args[4]));
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      int[] written = new int[1];
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          System.out.println("line " + (++written[0]));
        }
      });
      writer.start();
      int done = 0;
      while (done < rotations) {
        if (rotation.check() == OutputRotation.Outcome.ROTATED) {
          done++;
        }
      }
      stop.set(true);
      writer.join();
      System.err.println("stderr follows the file too");
      Files.writeString(Path.of(args[1]), Integer.toString(written[0]));
    }
  }

  /** The child: says it waits, waits for a file {@code go}, checks once, writes a line. */
  public static final class Follower {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      OutputRotation rotation = new OutputRotation(file, 1L << 30, 2);
      System.out.println("waiting");
      Path go = file.resolveSibling("go");
      while (!Files.exists(go)) {
        Thread.sleep(20);
      }
      if (rotation.check() != OutputRotation.Outcome.REOPENED) {
        System.exit(3);
      }
      System.out.println("after the rename");
    }
  }

  // ------------------------------------------------------------------ helpers

  Process spawnFollower(Path java, Path log) throws IOException {
    return start(java, log, Follower.class, log.toString());
  }

  static Process start(Path java, Path log, Class<?> main, String... args) throws IOException {
    return ChildJava.start(java, log, List.of(), main, args);
  }

  static void awaitLine(Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readAllLines(log).contains(line)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("never wrote " + line);
  }

  static Path generation(Path log, int g) {
    return log.resolveSibling(log.getFileName() + "." + g);
  }

  /** Every line of every file, oldest file first. */
  static List<String> allLines(Path log) throws IOException {
    List<String> all = new ArrayList<>();
    for (int g = KEEP; g >= 1; g--) {
      if (Files.exists(generation(log, g))) {
        all.addAll(Files.readAllLines(generation(log, g), StandardCharsets.UTF_8));
      }
    }
    all.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
    return all;
  }
}
