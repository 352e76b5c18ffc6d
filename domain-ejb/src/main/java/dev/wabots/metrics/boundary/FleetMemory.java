package dev.wabots.metrics.boundary;

import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.metrics.control.ProcessMemory;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.control.Supervisor;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the running bots the caller may see cost the machine's memory, each and together, and
 * whether the kernel merges their identical pages (KSM). PSS is the figure that adds up: pages
 * the bots share (the class-data archive, merged pages) count once over all of them.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetMemory {

  /** One running bot. */
  public record BotMemory(String bot, long pid, long rssMb, long pssMb) {}

  /** The machine's same-page merging. */
  public record Merging(String state, long savedMb, long fullScans) {}

  /** The running bots, their sums, the pre-started spare's PSS (none without a spare), and KSM. */
  public record Report(int running, long rssMb, long pssMb, Long pssMbPerBot, Long sparePssMb, Merging ksm, List<BotMemory> bots) {}

  private static final ProcessMemory MEMORY = new ProcessMemory();
  /**
   * A process's figures are read again after this long at most: {@code smaps_rollup} walks every
   * mapping of a JVM, and every open panel polls the list every 4 s.
   */
  static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
  private static final java.util.concurrent.ConcurrentHashMap<Long, Read> READS = new java.util.concurrent.ConcurrentHashMap<>();

  private record Read(long at, Optional<ProcessMemory.Usage> usage) {}

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject BotProcesses processes;

  public Report visible() {
    Caller caller = callers.current();
    List<WhatsAppInstance> bots = InstanceAccess.visibleBots(em, caller);
    List<BotMemory> out = new ArrayList<>();
    long rssKb = 0;
    long pssKb = 0;
    for (WhatsAppInstance b : bots) {
      Supervisor.View v = processes.processView(b.id());
      if (v.process() == null || v.state() == ProcessState.STOPPED) {
        continue;
      }
      Optional<ProcessMemory.Usage> usage = usage(v.process().pid());
      if (usage.isPresent()) {
        out.add(new BotMemory(b.id(), v.process().pid(), mb(usage.get().rssKb()), mb(usage.get().pssKb())));
        rssKb += usage.get().rssKb();
        pssKb += usage.get().pssKb();
      }
    }
    Long spare = processes.spare().pid();
    Long sparePss = spare == null ? null : usage(spare).map(u -> mb(u.pssKb())).orElse(null);
    ProcessMemory.Ksm ksm = MEMORY.ksm();
    return new Report(out.size(), mb(rssKb), mb(pssKb), out.isEmpty() ? null : mb(pssKb / out.size()), sparePss,
        new Merging(ksm.state(), ksm.savedMb(), ksm.fullScans()), out);
  }

  /** The process's figures, read at most {@link #FRESH_NANOS} ago; figures of ended processes are dropped. */
  static Optional<ProcessMemory.Usage> usage(long pid) {
    long now = System.nanoTime();
    READS.values().removeIf(r -> now - r.at() > 6 * FRESH_NANOS);
    Read read = READS.get(pid);
    if (read == null || now - read.at() > FRESH_NANOS) {
      read = new Read(now, MEMORY.of(pid));
      READS.put(pid, read);
    }
    return read.usage();
  }

  private static long mb(long kb) {
    return Math.round(kb / 1024.0);
  }
}
