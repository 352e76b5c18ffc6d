package dev.wabots.bot.logs;

import dev.wabots.bot.os.Libc;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Points this process's standard output and error (file descriptors 1 and 2) at another file, as
 * a shell's {@code >> file 2>&1} would have at spawn: a spare was spawned writing to the spares'
 * log, the bot it becomes writes to its own; a bot rotating its log opens the new file
 * ({@link OutputRotation}). Everything that writes to the process's output —
 * {@code System.out}/{@code err}, Payara's console log, the JVM's own messages — follows, because
 * the descriptors themselves change ({@code dup2}). Needs the foreign function API (JDK 22+) and
 * {@code java.io} opened to the application (Payara's launcher opens it); called by reflection so
 * the bot still compiles for and runs on JDK 17, where the orchestrator uses no spares.
 */
public final class OutputRedirect {

  /** Kept for the life of the process: when collected, its descriptor would be closed. */
  private static FileOutputStream target;
  /** Linked once: a rotating bot calls it again and again. */
  private static MethodHandle dup2;

  private OutputRedirect() {}

  /** Whether this JVM can redirect at all (the orchestrator then falls back to a normal start). */
  public static boolean available() {
    return Libc.available();
  }

  /**
   * Points descriptors 1 and 2 at the end of {@code file} (created owner-only when missing). A write
   * in progress on the old file ends there; every later one goes to the new file.
   */
  public static synchronized void appendTo(Path file) throws IOException {
    if (!available()) {
      throw new IOException("redirecting the output needs JDK 22 or later, this is " + Runtime.version());
    }
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another writer created it: append to that one
      }
    }
    FileOutputStream out = new FileOutputStream(file.toFile(), true);
    try {
      int fd = descriptor(out.getFD());
      System.out.flush();
      System.err.flush();
      if (dup2 == null) {
        dup2 = Libc.intFunction("dup2", 2, 0);
      }
      for (int to : new int[] {1, 2}) {
        int result = (int) dup2.invokeWithArguments(fd, to);
        if (result != to) {
          throw new IOException("dup2(" + fd + ", " + to + ") failed: " + result);
        }
      }
    } catch (IOException e) {
      out.close();
      throw e;
    } catch (Throwable e) {
      out.close();
      throw new IOException("cannot redirect the output to " + file + ": " + e, e);
    }
    FileOutputStream previous = target;
    target = out;
    if (previous != null) {
      previous.close(); // 1 and 2 no longer refer to it: only this descriptor kept the old file open
    }
  }

  /**
   * Whether this process's standard output is {@code file} — the same file, not only the same name
   * (after a rename the name is another file's). False when {@code file} does not exist.
   */
  public static boolean writesTo(Path file) {
    try {
      Object out = Files.readAttributes(Path.of("/proc/self/fd/1"), BasicFileAttributes.class).fileKey();
      Object named = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return out != null && Objects.equals(out, named);
    } catch (IOException e) {
      return false;
    }
  }

  private static int descriptor(FileDescriptor fd) throws ReflectiveOperationException {
    Field f = FileDescriptor.class.getDeclaredField("fd");
    f.setAccessible(true);
    return f.getInt(fd);
  }
}
