package dev.wabots.metrics.boundary;

import dev.wabots.contract.BotMetrics;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.boundary.AiFailureStreaks;
import dev.wabots.metrics.control.BotReports;
import dev.wabots.metrics.control.Troubles;
import dev.wabots.metrics.control.Troubles.Trouble;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fleet health that says why: for each bot the reasons it needs attention — crash loop, token
 * refused by Meta, AI failing again and again, live without a single webhook — for the fleet
 * list, the API, {@code /health} and {@code /metrics}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetHealth {

  /** A bot's trouble as the API shows it. */
  public record BotTrouble(String bot, String kind, String detail) {
    static BotTrouble of(Trouble t) {
      return new BotTrouble(t.bot(), t.kind().id(), t.detail());
    }
  }

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject BotProcesses processes;

  @Inject BotReports reports;

  @Inject AiFailureStreaks streaks;

  /** The troubles of the bots the caller may see. */
  public List<BotTrouble> visible() {
    Caller caller = callers.current();
    List<WhatsAppInstance> bots = InstanceAccess.visibleBots(em, caller);
    return of(bots);
  }

  /** Every bot's troubles, for {@code /health} and {@code /metrics} (no caller). */
  public List<BotTrouble> all() {
    return of(em.createQuery("SELECT i FROM WhatsAppInstance i ORDER BY i.id", WhatsAppInstance.class).getResultList());
  }

  private List<BotTrouble> of(List<WhatsAppInstance> bots) {
    Instant now = Instant.now();
    Set<String> withCustomers = new HashSet<>(em.createQuery(
        "SELECT DISTINCT c.botId FROM Conversation c WHERE c.sandbox = false", String.class).getResultList());
    Map<String, Integer> ai = streaks.current();
    List<BotTrouble> out = new ArrayList<>();
    for (WhatsAppInstance b : bots) {
      Supervisor.View v = processes.processView(b.id());
      Instant runningSince = v.state() == ProcessState.RUNNING && v.process() != null ? v.process().startedAt() : null;
      BotReports.Report report = reports.of(b.id()).filter(r -> runningSince != null && !r.at().isBefore(runningSince))
          .orElse(null);
      Troubles.Facts facts = new Troubles.Facts(b.id(), v.state() == ProcessState.CRASH_LOOP, v.lastExitReason(),
          b.mode() == WhatsAppInstance.Mode.LIVE, runningSince, flag(report, "graph_token_refused"),
          flag(report, "webhook_seen"), withCustomers.contains(b.id()), ai.getOrDefault(b.id(), 0), null);
      Troubles.of(facts, now, AiFailureStreaks.ALERT_AFTER).forEach(t -> out.add(BotTrouble.of(t)));
    }
    return out;
  }

  /** A 0/1 gauge of the process's own report; null while there is none. */
  private static Boolean flag(BotReports.Report report, String name) {
    if (report == null) {
      return null;
    }
    return report.samples().stream().filter(s -> s.name().equals(name)).findFirst()
        .map(BotMetrics.Sample::value).map(v -> v > 0).orElse(null);
  }
}
