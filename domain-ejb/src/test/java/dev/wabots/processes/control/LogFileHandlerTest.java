package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileHandlerTest {

  @TempDir Path dir;

  static final Formatter LINE = new Formatter() {
    @Override
    public String format(LogRecord r) {
      return r.getMessage() + "\n";
    }
  };

  /** Every line of every file, oldest file first. */
  static List<String> allLines(Path log, int keep) throws Exception {
    List<String> all = new ArrayList<>();
    for (int g = keep; g >= 1; g--) {
      Path older = LogRotation.generation(log, g);
      if (Files.exists(older)) {
        all.addAll(Files.readAllLines(older, StandardCharsets.UTF_8));
      }
    }
    all.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
    return all;
  }

  @Test
  void noRecordIsLostOrWrittenTwiceWhileAWriterLogsWithoutPauseDuringRotations() throws Exception {
    Path log = dir.resolve("orchestrator.log");
    LogFileHandler handler = new LogFileHandler(log, LINE, Level.INFO, "UTF-8", null);
    Logger logger = Logger.getLogger("LogFileHandlerTest." + System.nanoTime());
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    int records = 60_000;
    AtomicBoolean done = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 1; i <= records; i++) {
        logger.info("record " + i + " " + "x".repeat(40));
      }
      done.set(true);
    });
    writer.start();
    int rotations = 0;
    while (!done.get()) {
      if (handler.rotateIfOver(16 * 1024, 1000)) {
        rotations++;
      }
    }
    writer.join();
    handler.close();

    assertTrue(rotations >= 20, "rotated while the writer wrote: " + rotations);
    List<String> all = allLines(log, 1000);
    assertEquals(records, all.size(), "every record once");
    for (int i = 0; i < records; i++) {
      assertTrue(all.get(i).startsWith("record " + (i + 1) + " "), "in order, none missing at " + i + ": " + all.get(i));
    }
  }

  @Test
  void theCurrentFileIsRenamedToDot1OlderOnesShiftAndOnlyKeepStay() throws Exception {
    Path log = dir.resolve("orchestrator.log");
    LogFileHandler handler = new LogFileHandler(log, LINE, Level.INFO, "UTF-8", null);
    for (int round = 1; round <= 4; round++) {
      handler.publish(new LogRecord(Level.INFO, "round " + round));
      assertTrue(handler.rotateIfOver(1, 2));
    }
    handler.publish(new LogRecord(Level.INFO, "now"));
    assertFalse(handler.rotateIfOver(1_000, 2), "small: left alone");
    handler.close();
    assertEquals(List.of("now"), Files.readAllLines(log));
    assertEquals(List.of("round 4"), Files.readAllLines(LogRotation.generation(log, 1)));
    assertEquals(List.of("round 3"), Files.readAllLines(LogRotation.generation(log, 2)));
    assertFalse(Files.exists(LogRotation.generation(log, 3)), "two kept");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
  }

  @Test
  void aFileRemovedByHandIsOpenedAgainInsteadOfWritingIntoTheVoid() throws Exception {
    Path log = dir.resolve("orchestrator.log");
    LogFileHandler handler = new LogFileHandler(log, LINE, Level.INFO, "UTF-8", null);
    handler.publish(new LogRecord(Level.INFO, "before"));
    Files.delete(log);
    assertFalse(handler.rotateIfOver(1, 2));
    handler.publish(new LogRecord(Level.INFO, "after"));
    handler.close();
    assertEquals(List.of("after"), Files.readAllLines(log));
  }

  @Test
  void itTakesThePlaceOfTheFileHandlerTheLauncherConfiguredForTheFileWithItsFormatter() throws Exception {
    Path log = dir.resolve("orchestrator.log");
    java.util.logging.LogManager manager = java.util.logging.LogManager.getLogManager();
    String config = String.join("\n",
        "handlers=java.util.logging.FileHandler",
        "java.util.logging.FileHandler.pattern=" + log,
        "java.util.logging.FileHandler.append=true",
        "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
        "java.util.logging.SimpleFormatter.format=%4$s %5$s%n",
        ".level=INFO", "");
    try {
      manager.readConfiguration(new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
      Logger.getLogger("takeover").info("before");
      assertTrue(LogFileHandler.takeOver(dir.resolve("other.log")).isEmpty(), "another file: not ours");
      LogFileHandler mine = LogFileHandler.takeOver(log).orElseThrow();
      assertEquals(mine, LogFileHandler.takeOver(log).orElseThrow(), "once");
      List<java.util.logging.Handler> handlers = List.of(Logger.getLogger("").getHandlers());
      assertEquals(List.of(mine), handlers, "the FileHandler is gone");
      assertFalse(Files.exists(dir.resolve("orchestrator.log.lck")), "and its lock file");
      Logger.getLogger("takeover").info("after");
      assertTrue(mine.rotateIfOver(1, 2));
      Logger.getLogger("takeover").info("rotated");
      List<String> lines = Files.readAllLines(LogRotation.generation(log, 1));
      assertTrue(lines.contains("INFO before") && lines.contains("INFO after"), lines.toString());
      assertEquals(List.of("INFO rotated"), Files.readAllLines(log), "same format in the new file");
    } finally {
      manager.readConfiguration(); // the JVM's defaults for the tests after this one
    }
  }
}
