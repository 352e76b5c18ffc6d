package dev.wabots.bot.os;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Offers this process's memory to the kernel's same-page merging (KSM, Linux 6.4+): {@code
 * prctl(PR_SET_MEMORY_MERGE, 1)} marks every mapping of the process, present and future, as
 * mergeable. When KSM runs ({@code /sys/kernel/mm/ksm/run} = 1, a setting of the machine's
 * administrator), the kernel finds pages with the same content in different bots — class metadata
 * the JVM wrote into its private copy of the shared class-data archive, Payara's equal objects on
 * the heap — and keeps one copy of each, copied again when a bot writes to it. In a fleet of idle
 * bots that is ~16 MB per bot (BENCHMARKS.md, fleet). With KSM off the mark costs nothing.
 *
 * <p>On by default; {@code -Dwabots.bot.memory-merge=false} in {@code bot.jvm} leaves a bot out.
 * Needs the foreign function API (JDK 22+): bots on JDK 17 skip it.
 */
public final class MemoryMerging {

  private static final Logger LOG = System.getLogger(MemoryMerging.class.getName());
  public static final String PROPERTY = "wabots.bot.memory-merge";
  static final int PR_SET_MEMORY_MERGE = 67;
  static final int PR_GET_MEMORY_MERGE = 68;
  static final Path KSM_RUN = Path.of("/sys/kernel/mm/ksm/run");
  /** {@code prctl}, linked once. */
  private static MethodHandle prctl;

  private MemoryMerging() {}

  /** Marks this process mergeable (once is enough: the mark covers later mappings too) and logs what it means. */
  public static void offer() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      LOG.log(Level.INFO, "Memory merging (KSM): not offered ({0}=false)", PROPERTY);
      return;
    }
    if (!Libc.available()) {
      LOG.log(Level.DEBUG, "Memory merging (KSM): needs JDK 22 or later, this is {0}", Runtime.version());
      return;
    }
    try {
      if (merging()) {
        return; // a spare that became this bot already did
      }
      int result = (int) prctl().invokeWithArguments(PR_SET_MEMORY_MERGE, 1L, 0L, 0L, 0L);
      if (result != 0) {
        LOG.log(Level.INFO, "Memory merging (KSM): the kernel refused PR_SET_MEMORY_MERGE (it needs Linux 6.4 or later built with KSM)");
        return;
      }
      LOG.log(Level.INFO, "Memory merging (KSM): this process''s pages are offered; the machine''s KSM {0}", describe(ksmRun()));
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "Memory merging (KSM): cannot call prctl: " + e);
    }
  }

  /** Whether this process is already marked mergeable as a whole. */
  public static boolean merging() throws Throwable {
    return mark() == 1;
  }

  /** Whether the kernel knows the mark at all (Linux 6.4+ with KSM). */
  public static boolean supported() throws Throwable {
    return mark() >= 0;
  }

  /** {@code PR_GET_MEMORY_MERGE}: 1 marked, 0 not, -1 when the kernel does not know it (or no JDK 22+). */
  private static int mark() throws Throwable {
    if (!Libc.available()) {
      return -1;
    }
    return (int) prctl().invokeWithArguments(PR_GET_MEMORY_MERGE, 0L, 0L, 0L, 0L);
  }

  private static synchronized MethodHandle prctl() throws ReflectiveOperationException {
    if (prctl == null) {
      prctl = Libc.intFunction("prctl", 1, 4);
    }
    return prctl;
  }

  /** The machine's KSM mode: 0 off, 1 running, 2 off and unmerging; -1 when the kernel has none. */
  static int ksmRun() {
    try {
      return Integer.parseInt(Files.readString(KSM_RUN, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  static String describe(int run) {
    return switch (run) {
      case 1 -> "runs (/sys/kernel/mm/ksm/run = 1): identical pages of the bots are merged";
      case -1 -> "is not there (no /sys/kernel/mm/ksm): nothing is merged";
      default -> "is off (/sys/kernel/mm/ksm/run = " + run + "): nothing is merged until the administrator turns it on (README, memory)";
    };
  }
}
