package dev.wabots.bot.spare;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Points this process's standard output and error (file descriptors 1 and 2) at another file, as
 * a shell's {@code >> file 2>&1} would have at spawn: a spare was spawned writing to the spares'
 * log, the bot it becomes writes to its own. Everything that writes to the process's output —
 * {@code System.out}/{@code err}, Payara's console log, the JVM's own messages — follows, because
 * the descriptors themselves change ({@code dup2}). Needs the foreign function API (JDK 22+) and
 * {@code java.io} opened to the application (Payara's launcher opens it); called by reflection so
 * the bot still compiles for and runs on JDK 17, where the orchestrator uses no spares.
 */
final class OutputRedirect {

  /** Kept for the life of the process: when collected, its descriptor would be closed. */
  private static FileOutputStream target;

  private OutputRedirect() {}

  /** Whether this JVM can redirect at all (the orchestrator then falls back to a normal start). */
  static boolean available() {
    return Runtime.version().feature() >= 22;
  }

  static synchronized void appendTo(Path file) throws IOException {
    if (!available()) {
      throw new IOException("redirecting the output needs JDK 22 or later, this is " + Runtime.version());
    }
    FileOutputStream out = new FileOutputStream(file.toFile(), true);
    try {
      int fd = descriptor(out.getFD());
      System.out.flush();
      System.err.flush();
      MethodHandle dup2 = dup2();
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
    target = out;
  }

  private static int descriptor(FileDescriptor fd) throws ReflectiveOperationException {
    Field f = FileDescriptor.class.getDeclaredField("fd");
    f.setAccessible(true);
    return f.getInt(fd);
  }

  /** {@code int dup2(int, int)} from the C library, through java.lang.foreign. */
  private static MethodHandle dup2() throws ReflectiveOperationException {
    Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
    Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
    Optional<?> address = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, "dup2");
    if (address.isEmpty()) {
      throw new NoSuchMethodException("dup2 is not in the C library");
    }
    Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
    Object arguments = Array.newInstance(layoutType, 2);
    Array.set(arguments, 0, javaInt);
    Array.set(arguments, 1, javaInt);
    Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass()).invoke(null, javaInt, arguments);
    Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, Array.newInstance(optionType, 0).getClass());
    return (MethodHandle) downcall.invoke(linker, address.get(), descriptor, Array.newInstance(optionType, 0));
  }
}
