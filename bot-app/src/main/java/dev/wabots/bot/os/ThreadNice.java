package dev.wabots.bot.os;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;

/**
 * The calling thread's nice value (Linux: a per-thread attribute; {@code setpriority(PRIO_PROCESS,
 * 0, n)} sets the caller's alone). A higher value gives the thread a smaller share of a busy CPU
 * than the process's other threads; raising it needs no privilege.
 */
public final class ThreadNice {

  private static final Logger LOG = System.getLogger(ThreadNice.class.getName());
  static final int PRIO_PROCESS = 0;
  private static MethodHandle setpriority;

  private ThreadNice() {}

  /** Sets the calling thread's nice value; false (with a debug line saying why) where it cannot. */
  public static boolean set(int nice) {
    if (!Libc.available()) {
      return false;
    }
    try {
      return (int) handle().invokeExact(PRIO_PROCESS, 0, nice) == 0;
    } catch (Throwable e) {
      LOG.log(Level.DEBUG, "Cannot set a thread''s nice value: {0}", e.toString());
      return false;
    }
  }

  private static synchronized MethodHandle handle() throws ReflectiveOperationException {
    if (setpriority == null) {
      setpriority = Libc.intFunction("setpriority", 3, 0);
    }
    return setpriority;
  }
}
