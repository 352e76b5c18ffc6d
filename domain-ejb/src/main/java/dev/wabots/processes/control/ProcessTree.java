package dev.wabots.processes.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started: SIGTERM to all, a grace period, then SIGKILL. */
public final class ProcessTree {

  private ProcessTree() {}

  /**
   * @return true when everything was gone within the grace period (no SIGKILL needed)
   */
  public static boolean terminate(ProcessHandle root, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    boolean clean = true;
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception stillAlive) {
        // checked below
      }
      if (p.isAlive()) {
        clean = false;
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a zombie or an unkillable process: nothing more we can do here
      }
    }
    return clean;
  }

  /** The live process with that pid, if it is the same process that started at {@code start}. */
  public static Optional<ProcessHandle> find(long pid, Instant start) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> start == null || p.info().startInstant().map(s -> sameSecond(s, start)).orElse(true));
  }

  private static boolean sameSecond(Instant a, Instant b) {
    return Math.abs(Duration.between(a, b).toMillis()) < 1000;
  }

  /** The command line of a process, as far as the OS tells. */
  public static String commandLine(ProcessHandle p) {
    return p.info().commandLine().orElse("");
  }
}
