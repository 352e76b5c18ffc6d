package dev.wabots.metrics.boundary;

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

  /** The running bots, their sums, and KSM. */
  public record Report(int running, long rssMb, long pssMb, Long pssMbPerBot, Merging ksm, List<BotMemory> bots) {}

  private static final ProcessMemory MEMORY = new ProcessMemory();

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject BotProcesses processes;

  public Report visible() {
    Caller caller = callers.current();
    List<WhatsAppInstance> bots = caller.role().seesEveryBot()
        ? em.createNamedQuery(WhatsAppInstance.ALL, WhatsAppInstance.class).getResultList()
        : em.createNamedQuery(WhatsAppInstance.BY_OWNER, WhatsAppInstance.class)
            .setParameter("owner", caller.userId()).getResultList();
    List<BotMemory> out = new ArrayList<>();
    long rssKb = 0;
    long pssKb = 0;
    for (WhatsAppInstance b : bots) {
      Supervisor.View v = processes.processView(b.id());
      if (v.process() == null || v.state() == ProcessState.STOPPED) {
        continue;
      }
      Optional<ProcessMemory.Usage> usage = MEMORY.of(v.process().pid());
      if (usage.isPresent()) {
        out.add(new BotMemory(b.id(), v.process().pid(), mb(usage.get().rssKb()), mb(usage.get().pssKb())));
        rssKb += usage.get().rssKb();
        pssKb += usage.get().pssKb();
      }
    }
    ProcessMemory.Ksm ksm = MEMORY.ksm();
    return new Report(out.size(), mb(rssKb), mb(pssKb), out.isEmpty() ? null : mb(pssKb / out.size()),
        new Merging(ksm.state(), ksm.savedMb(), ksm.fullScans()), out);
  }

  private static long mb(long kb) {
    return Math.round(kb / 1024.0);
  }
}
