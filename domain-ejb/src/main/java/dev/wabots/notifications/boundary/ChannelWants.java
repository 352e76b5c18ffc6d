package dev.wabots.notifications.boundary;

import dev.wabots.conversations.boundary.NeedsPerson;
import dev.wabots.leads.boundary.LeadEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which events each bot's enabled notification channels want, kept in memory, and the observers
 * that hand a stored event to {@link Notifications} only when some channel wants it.
 *
 * <p>Every stored batch of a busy bot's events raises lead events (new leads, quotes), and most bots
 * have no channel that wants them: asking the database each time, in an EJB call and a transaction
 * of its own after the batch's commit, was ~3 % of a busy orchestrator's CPU (BENCHMARKS.md). A
 * bot's entry is read once and dropped when its channels change ({@link Changed}, after that
 * transaction completes); a read that raced with a change is not kept.
 */
@ApplicationScoped
public class ChannelWants {

  /** The channels of a bot were created, changed or deleted (fire in the changing transaction). */
  public record Changed(String bot) {}

  @Inject Notifications notifications;

  private final Map<String, Set<String>> byBot = new ConcurrentHashMap<>();

  /** Counts changes; a read started before a change is not kept. Guarded by {@code this}. */
  private long changes;

  /** Whether an enabled channel of the bot wants the event. */
  public boolean wants(String bot, String event) {
    return wanted(bot, notifications::wantedEvents).contains(event);
  }

  Set<String> wanted(String bot, Function<String, Set<String>> read) {
    Set<String> known = byBot.get(bot);
    if (known != null) {
      return known;
    }
    long before;
    synchronized (this) {
      before = changes;
    }
    Set<String> wanted = Set.copyOf(read.apply(bot));
    synchronized (this) {
      if (changes == before) {
        byBot.put(bot, wanted);
      }
    }
    return wanted;
  }

  void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) Changed change) {
    forget(change.bot());
  }

  synchronized void forget(String bot) {
    changes++;
    byBot.remove(bot);
  }

  void needsPerson(@Observes(during = TransactionPhase.AFTER_SUCCESS) NeedsPerson e) {
    if (wants(e.bot(), Notifications.NEEDS_PERSON)) {
      notifications.needsPerson(e);
    }
  }

  void leadEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) LeadEvent e) {
    if (wants(e.bot(), e.kind())) {
      notifications.leadEvents(new LeadEvent.Batch(e.bot(), List.of(e)));
    }
  }

  void leadEvents(@Observes(during = TransactionPhase.AFTER_SUCCESS) LeadEvent.Batch batch) {
    if (batch.events().stream().anyMatch(e -> wants(batch.bot(), e.kind()))) {
      notifications.leadEvents(batch);
    }
  }
}
