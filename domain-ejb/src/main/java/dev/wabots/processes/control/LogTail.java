package dev.wabots.processes.control;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The last N lines of a file, read backwards from its end in blocks, so a 1 GB log costs the
 * same as a 1 KB one. Lines come back oldest first; a trailing newline does not make an empty line.
 */
public final class LogTail {

  static final int BLOCK = 64 * 1024;
  /** A single line longer than this is cut, so one runaway line cannot exhaust memory. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private LogTail() {}

  public static List<String> last(Path file, int lines) throws IOException {
    if (lines <= 0 || !Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      List<String> found = new ArrayList<>();
      ByteBuf current = new ByteBuf();
      boolean skipTrailingNewline = true;
      byte[] block = new byte[BLOCK];
      long pos = end;
      while (pos > 0 && found.size() < lines) {
        int n = (int) Math.min(BLOCK, pos);
        pos -= n;
        raf.seek(pos);
        raf.readFully(block, 0, n);
        for (int i = n - 1; i >= 0 && found.size() < lines; i--) {
          byte b = block[i];
          if (b == '\n') {
            if (skipTrailingNewline && current.isEmpty() && found.isEmpty()) {
              skipTrailingNewline = false;
              continue;
            }
            found.add(current.reversedText());
            current = new ByteBuf();
          } else {
            skipTrailingNewline = false;
            current.add(b);
          }
        }
      }
      if (pos == 0 && found.size() < lines && !current.isEmpty()) {
        found.add(current.reversedText());
      }
      Collections.reverse(found);
      return found;
    }
  }

  /** Bytes collected backwards, capped; turned into text the right way round. */
  private static final class ByteBuf {
    private byte[] bytes = new byte[256];
    private int size;
    private boolean cut;

    void add(byte b) {
      if (size == MAX_LINE_BYTES) {
        cut = true;
        return;
      }
      if (size == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.min(bytes.length * 2, MAX_LINE_BYTES));
      }
      bytes[size++] = b;
    }

    boolean isEmpty() {
      return size == 0;
    }

    String reversedText() {
      byte[] forward = new byte[size];
      for (int i = 0; i < size; i++) {
        forward[i] = bytes[size - 1 - i];
      }
      String text = new String(forward, StandardCharsets.UTF_8);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      return cut ? "…" + text : text;
    }
  }
}
