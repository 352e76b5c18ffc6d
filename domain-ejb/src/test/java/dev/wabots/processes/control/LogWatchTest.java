package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTest {

  static final String READY = ") ready in ";

  @TempDir Path dir;

  private static void append(Path f, String text) throws Exception {
    Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void seesOnlyWhatThisStartWrote() throws Exception {
    Path log = dir.resolve("bot.log");
    append(log, "old start: Payara Micro 6.2025.10 (build 42) ready in 9,000 (ms)\n");
    LogWatch watch = new LogWatch(log, READY);
    assertFalse(watch.seen(), "the previous start's line does not count");
    append(log, "==== bot x starting ====\nDeploying bot-app\n");
    assertFalse(watch.seen());
    append(log, "Payara Micro 6.2025.10 (build 42) ready in 8,123 (ms)\n");
    assertTrue(watch.seen());
    assertTrue(watch.seen(), "stays seen");
  }

  @Test
  void findsANeedleSplitAcrossTwoLooks() throws Exception {
    Path log = dir.resolve("split.log");
    LogWatch watch = new LogWatch(log, READY); // the file does not exist yet
    assertFalse(watch.seen());
    append(log, "x".repeat(5000) + " (build 42) rea");
    assertFalse(watch.seen());
    append(log, "dy in 7,000 (ms)\n");
    assertTrue(watch.seen());
  }

  @Test
  void readsALongLogInBoundedSteps() throws Exception {
    Path log = dir.resolve("long.log");
    LogWatch watch = new LogWatch(log, READY);
    append(log, "y".repeat(LogWatch.MAX_READ + 10) + "\n(build 42) ready in 1 (ms)\n");
    assertFalse(watch.seen(), "the first look reads at most MAX_READ bytes");
    assertTrue(watch.seen());
  }

  @Test
  void startsOverWhenTheFileIsTruncated() throws Exception {
    Path log = dir.resolve("cut.log");
    append(log, "z".repeat(10_000));
    LogWatch watch = new LogWatch(log, READY);
    Files.writeString(log, "(build 42) ready in 1 (ms)\n", StandardCharsets.UTF_8);
    assertTrue(watch.seen());
  }
}
