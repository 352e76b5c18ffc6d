package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

  @TempDir Path dir;

  @Test
  void aWriterThatKeepsItsFileOpenGoesOnAtTheStartOfTheCutFileAndOnlyKeepNFilesStay() throws Exception {
    Path log = dir.resolve("whatsapp_bot_shop.log");
    // As a bot's redirected output: one file descriptor in append mode for the process's whole life.
    try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
      int line = 0;
      for (int round = 1; round <= 5; round++) {
        for (int i = 0; i < 1000; i++) {
          out.println("line " + (++line) + " " + "x".repeat(80));
        }
        assertTrue(LogRotation.rotateIfOver(log, 50_000, 3), "round " + round);
        assertEquals(0, Files.size(log));
      }
      out.println("after the rotation");
    }
    List<String> current = Files.readAllLines(log);
    assertEquals(List.of("after the rotation"), current, "no hole of zero bytes before the new line");
    assertTrue(Files.readAllLines(LogRotation.generation(log, 1)).get(0).startsWith("line 4001 "));
    assertTrue(Files.readAllLines(LogRotation.generation(log, 3)).get(0).startsWith("line 2001 "));
    assertFalse(Files.exists(LogRotation.generation(log, 4)), "three kept");
    assertFalse(LogRotation.rotateIfOver(log, 50_000, 3), "small: left alone");
  }

  @Test
  void theLastLinesReachIntoTheRotatedFileWhenTheCurrentOneIsShort() throws Exception {
    Path log = dir.resolve("orchestrator.log");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      lines.add("line " + i);
    }
    Files.write(log, lines);
    LogRotation.rotateIfOver(log, 10, 2);
    Files.write(log, List.of("line 101", "line 102"));
    assertEquals(List.of("line 98", "line 99", "line 100", "line 101", "line 102"), LogRotation.last(log, 5));
    assertEquals(List.of("line 102"), LogRotation.last(log, 1));
    assertEquals(102, LogRotation.last(log, 5000).size());
  }
}
