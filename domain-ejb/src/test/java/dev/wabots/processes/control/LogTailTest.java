package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void returnsTheLastLinesOldestFirstAcrossBlockBoundaries() throws Exception {
    Path log = dir.resolve("bot.log");
    try (BufferedWriter w = Files.newBufferedWriter(log)) {
      for (int i = 1; i <= 50_000; i++) {
        w.write("line " + i + " " + "x".repeat(i % 97));
        w.newLine();
      }
    }
    List<String> last = LogTail.last(log, 3);
    assertEquals(3, last.size());
    assertTrue(last.get(0).startsWith("line 49998 "));
    assertTrue(last.get(2).startsWith("line 50000 "));
    assertEquals(5000, LogTail.last(log, 5000).size());
    assertTrue(LogTail.last(log, 5000).get(0).startsWith("line 45001 "));
  }

  @Test
  void handlesShortFilesMissingFilesNoTrailingNewlineAndUtf8() throws Exception {
    Path log = dir.resolve("short.log");
    Files.writeString(log, "привет\r\nмир 🌍\nlast without newline", StandardCharsets.UTF_8);
    assertEquals(List.of("привет", "мир 🌍", "last without newline"), LogTail.last(log, 10));
    assertEquals(List.of("last without newline"), LogTail.last(log, 1));
    assertEquals(List.of(), LogTail.last(dir.resolve("absent.log"), 10));
    Files.writeString(log, "");
    assertEquals(List.of(), LogTail.last(log, 10));
    Files.writeString(log, "a\n\nb\n");
    assertEquals(List.of("a", "", "b"), LogTail.last(log, 10));
  }

  @Test
  void cutsARunawayLineInsteadOfReadingItWhole() throws Exception {
    Path log = dir.resolve("long.log");
    Files.writeString(log, "first\n" + "y".repeat(1_000_000) + "\n");
    List<String> last = LogTail.last(log, 2);
    assertEquals("first", last.get(0));
    assertTrue(last.get(1).length() <= LogTail.MAX_LINE_BYTES + 1);
    assertTrue(last.get(1).startsWith("…"));
  }
}
