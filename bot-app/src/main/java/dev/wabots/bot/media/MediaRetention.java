package dev.wabots.bot.media;

import dev.wabots.bot.store.BotDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Customers' files are kept for {@code wabots.media.retention-days} (default 90), then removed by a
 * job that runs at start and every six hours; what was received stays in the conversation.
 */
@ApplicationScoped
public class MediaRetention {

  private static final Logger LOG = System.getLogger(MediaRetention.class.getName());

  @Inject BotDatabase database;

  @Inject
  @ConfigProperty(name = "wabots.media.retention-days", defaultValue = "90")
  int days;

  @Resource ManagedScheduledExecutorService scheduler;

  Clock clock = Clock.systemUTC();

  /** Schedules the job (called once at start, after the database is open). */
  public void start() {
    scheduler.scheduleWithFixedDelay(this::run, 1, TimeUnit.HOURS.toMinutes(6), TimeUnit.MINUTES);
  }

  /** Removes the files older than the retention period; returns how many. */
  public int run() {
    try {
      int removed = database.media().removeOlderThan(clock.instant().minus(Duration.ofDays(Math.max(1, days))));
      if (removed > 0) {
        LOG.log(Level.INFO, "Removed {0} customer file(s) older than {1} days", removed, days);
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Media retention failed: {0}", e.getMessage());
      return 0;
    }
  }
}
