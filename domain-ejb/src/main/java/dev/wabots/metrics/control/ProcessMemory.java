package dev.wabots.metrics.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What bot processes cost the machine's memory, read from Linux: a process's resident set and its
 * proportional share ({@code /proc/<pid>/smaps_rollup}: pages shared with other processes, such as
 * the bots' common class-data archive, count once in all), and the kernel's same-page merging
 * ({@code /sys/kernel/mm/ksm}), which bots offer their memory to (README, memory of a fleet).
 */
public final class ProcessMemory {

  /** One process: resident set and proportional set size, in KiB. */
  public record Usage(long rssKb, long pssKb) {}

  /**
   * The machine's KSM: {@code run} 0 off, 1 running, 2 off and unmerging, -1 when the kernel has
   * none; pages merged away ({@code pages_sharing}: copies that no longer take memory); full scans
   * done since it was turned on.
   */
  public record Ksm(int run, long pagesSharing, long fullScans) {
    public String state() {
      return switch (run) {
        case -1 -> "absent";
        case 1 -> "running";
        default -> "off";
      };
    }

    /** Memory the merged copies would take without KSM, in MiB (4 KiB pages). */
    public long savedMb() {
      return pagesSharing * 4 / 1024;
    }
  }

  private final Path proc;
  private final Path ksm;

  public ProcessMemory() {
    this(Path.of("/proc"), Path.of("/sys/kernel/mm/ksm"));
  }

  ProcessMemory(Path proc, Path ksm) {
    this.proc = proc;
    this.ksm = ksm;
  }

  /** The process's memory; empty when it is gone or not readable. */
  public Optional<Usage> of(long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    try {
      long rss = -1;
      long pss = -1;
      for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("smaps_rollup"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("Rss:")) {
          rss = kb(line);
        } else if (line.startsWith("Pss:")) {
          pss = kb(line);
        }
      }
      return rss < 0 || pss < 0 ? Optional.empty() : Optional.of(new Usage(rss, pss));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The machine's KSM as it is now. */
  public Ksm ksm() {
    if (!Files.isDirectory(ksm)) {
      return new Ksm(-1, 0, 0);
    }
    return new Ksm((int) number("run", -1), number("pages_sharing", 0), number("full_scans", 0));
  }

  private long number(String file, long otherwise) {
    try {
      return Long.parseLong(Files.readString(ksm.resolve(file), StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return otherwise;
    }
  }

  /** {@code "Pss:               12345 kB"} → 12345. */
  static long kb(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }
}
