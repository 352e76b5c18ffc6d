package dev.wabots.bot.store;

import dev.wabots.bot.config.Configuration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The bot's own copy of message texts follows the bot's {@code message_retention_days} (default
 * 180), as the orchestrator's does: at start and every six hours, messages older than that keep
 * their row — id, customer, type, times, state, so duplicates are still recognised and counts stay
 * — but lose the webhook's message (text, captions, choices) and the planned reply; the AI's
 * conversation history older than that goes. Unfinished messages are never touched. Funnel answers
 * stay until the customer is erased, like the orchestrator's leads.
 */
@ApplicationScoped
public class TextRetention {

  private static final Logger LOG = System.getLogger(TextRetention.class.getName());

  /** What one run removed. */
  public record Removed(int messages, int aiTurns) {}

  @Inject BotDatabase database;

  @Inject Configuration configuration;

  @Resource ManagedScheduledExecutorService scheduler;

  Clock clock = Clock.systemUTC();

  /** Schedules the job (called once at start, after the database is open). */
  public void start() {
    scheduler.scheduleWithFixedDelay(this::run, 2, TimeUnit.HOURS.toMinutes(6), TimeUnit.MINUTES);
  }

  /** Removes the texts older than the retention period. */
  public Removed run() {
    int days = configuration.settings().messageRetentionDays();
    Instant before = clock.instant().minus(Duration.ofDays(days));
    try {
      Removed removed = database.transactions().write(s -> new Removed(
          s.update("UPDATE inbox SET raw = '{}', plan = NULL WHERE received_at < ?"
              + " AND state NOT IN ('pending', 'planned') AND (raw <> '{}' OR plan IS NOT NULL)", before),
          s.update("DELETE FROM ai_history WHERE at < ?", before)));
      if (removed.messages() > 0 || removed.aiTurns() > 0) {
        LOG.log(Level.INFO, "Removed the texts of {0} message(s) and {1} AI turn(s) older than {2} days",
            removed.messages(), removed.aiTurns(), days);
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Message text retention failed (tried again in 6 hours): {0}", e.getMessage());
      return new Removed(0, 0);
    }
  }
}
