package dev.wabots.conversations.boundary;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Privacy: message texts (and the payloads they came in) older than the retention period are
 * removed every night — the messages themselves, their times and the counts stay, so the
 * conversation list and the figures keep their shape. {@code WABOTS_MESSAGE_RETENTION_DAYS}
 * (default 180).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class MessageRetention {

  private static final Logger LOG = System.getLogger(MessageRetention.class.getName());

  @PersistenceContext EntityManager em;

  @jakarta.inject.Inject
  @ConfigProperty(name = "wabots.message-retention-days", defaultValue = "180")
  String days;

  @Schedule(hour = "3", minute = "17", timezone = "UTC", persistent = false, info = "message text retention")
  void nightly() {
    removeTextsOlderThan(period(), Instant.now());
  }

  /** Removes texts of messages older than {@code period}; @return how many */
  public int removeTextsOlderThan(Duration period, Instant now) {
    int n = em.createQuery("UPDATE ConversationMessage m SET m.text = NULL, m.payload = NULL, m.transcript = NULL"
            + " WHERE m.at < :before AND (m.text IS NOT NULL OR m.payload IS NOT NULL OR m.transcript IS NOT NULL)")
        .setParameter("before", now.minus(period)).executeUpdate();
    if (n > 0) {
      LOG.log(Level.INFO, "Removed the text of {0} message(s) older than {1} days", n, period.toDays());
    }
    return n;
  }

  Duration period() {
    try {
      long d = Long.parseLong(days.strip());
      if (d >= 1) {
        return Duration.ofDays(d);
      }
    } catch (NumberFormatException bad) {
      // reported below
    }
    LOG.log(Level.ERROR, "WABOTS_MESSAGE_RETENTION_DAYS must be a whole number of days, at least 1; got \"{0}\": using 180",
        days);
    return Duration.ofDays(180);
  }
}
