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
  void seesAFailedDeploymentInPayarasTextAndJsonLines() throws Exception {
    Path text = dir.resolve("text.log");
    LogWatch inText = new LogWatch(text, LocalLauncher.PAYARA_DEPLOY_FAILED);
    append(text, "2026-12-08 00:55:59.115 INFO    javax.enterprise.system.core.security - Entering Security Startup Service.\n");
    assertFalse(inText.seen());
    // As Payara Micro 6.2025.10 wrote it in ci76, after the security service found no context class loader.
    append(text, "2026-12-08 00:55:59.116 SEVERE  javax.enterprise.system.core - Exception while deploying the app [bot-app]\n");
    assertTrue(inText.seen());
    Path json = dir.resolve("json.log");
    LogWatch inJson = new LogWatch(json, LocalLauncher.PAYARA_DEPLOY_FAILED);
    append(json, "{\"Level\":\"SEVERE\",\"LoggerName\":\"javax.enterprise.system.core\","
        + "\"LogMessage\":\"Exception while deploying the app [bot-app] : A MultiException has 2 exceptions.\"}\n");
    assertTrue(inJson.seen());
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
