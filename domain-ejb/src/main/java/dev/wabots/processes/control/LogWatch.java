package dev.wabots.processes.control;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches one start's part of a bot's log for a line: reads only what was appended since the last
 * look (from where the file ended when the process was spawned), so polling it several times a
 * second costs a few kilobytes, not the whole file. Safe to ask from several threads.
 */
public final class LogWatch {

  /** Read at most this much per look; the rest is read on the next one. */
  static final int MAX_READ = 1 << 20;

  private final Path file;
  private final byte[] needle;
  private long position;
  /** The last bytes of the previous read: a needle split across two reads is still found. */
  private byte[] carry = new byte[0];
  private boolean seen;

  /** Watches what is written to {@code file} from now on. */
  public LogWatch(Path file, String needle) {
    this.file = file;
    this.needle = needle.getBytes(StandardCharsets.UTF_8);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    this.position = size;
  }

  /** Whether the needle has appeared since the watch began. */
  public synchronized boolean seen() {
    if (seen) {
      return true;
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      if (length < position) {
        position = 0; // truncated or rotated: start over
        carry = new byte[0];
      }
      int n = (int) Math.min(MAX_READ, length - position);
      if (n <= 0) {
        return false;
      }
      byte[] chunk = new byte[carry.length + n];
      System.arraycopy(carry, 0, chunk, 0, carry.length);
      f.seek(position);
      f.readFully(chunk, carry.length, n);
      position += n;
      seen = indexOf(chunk, needle) >= 0;
      int keep = Math.min(chunk.length, needle.length - 1);
      carry = java.util.Arrays.copyOfRange(chunk, chunk.length - keep, chunk.length);
      return seen;
    } catch (IOException e) {
      return false;
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
