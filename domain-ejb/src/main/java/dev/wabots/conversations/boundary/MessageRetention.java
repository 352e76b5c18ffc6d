package dev.wabots.conversations.boundary;

import dev.wabots.conversations.control.TextRetention;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Privacy: message texts (and the payloads and transcripts they came with) older than their bot's
 * retention period ({@code message_retention_days}, default 180) are removed at start and every night — the
 * messages themselves, their times and the counts stay, so the conversation list and the figures
 * keep their shape. See {@link TextRetention}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
// Each statement commits by itself: the job may stop half way and run again, and the one SQLite
// writer is not held for the whole run while the bots' events wait to be stored.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageRetention {

  private static final Logger LOG = System.getLogger(MessageRetention.class.getName());

  @Resource(lookup = "jdbc/wabots")
  DataSource dataSource;

  Clock clock = Clock.systemUTC();

  /** Also at start: an orchestrator that was down at night catches up. */
  @PostConstruct
  void atStart() {
    nightly();
  }

  @Schedule(hour = "3", minute = "17", timezone = "UTC", persistent = false, info = "message text retention")
  void nightly() {
    try {
      removeOldTexts();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Message text retention failed (tried again next night): {0}", e.getMessage());
    }
  }

  /** Removes the texts older than each bot's retention period; @return what was removed */
  public TextRetention.Removed removeOldTexts() {
    try (Connection c = dataSource.getConnection()) {
      TextRetention.Removed removed = TextRetention.run(c, clock.instant());
      if (removed.messages() > 0) {
        LOG.log(Level.INFO, "Removed the text of {0} message(s) older than their bot''s retention period",
            removed.messages());
      }
      return removed;
    } catch (SQLException e) {
      throw new IllegalStateException("message text retention failed: " + e.getMessage(), e);
    }
  }
}
