package dev.wabots.llm.boundary;

import dev.wabots.llm.control.Attempt;
import dev.wabots.llm.control.LlmSettings;
import dev.wabots.llm.control.UsageFigures;
import dev.wabots.llm.control.UsageQueue;
import dev.wabots.llm.control.UsageRows;
import dev.wabots.llm.entity.LlmCall;
import dev.wabots.security.Callers;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * LLM usage: one row per upstream call, queued by the chat ({@link UsageQueue}) and written off the
 * request path in batches (a chat answer never waits for a database commit; a busy fleet writes
 * four transactions a second, each one JDBC batch, not one per call), summed per bot × backend for
 * admins, and pruned after the retention period. Rows still queued are written before a summary is read; a crash loses at most the last
 * quarter second.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LlmUsage {

  private static final Logger LOG = System.getLogger(LlmUsage.class.getName());
  public static final int MAX_DAYS = 366;
  /** Rows wait this long so that busy bots write one transaction for many calls. */
  static final long BATCH_MILLIS = 250;

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject LlmSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource SessionContext context;

  @Inject UsageQueue queue;

  private ScheduledFuture<?> writer;

  @PostConstruct
  void startWriting() {
    LlmUsage self = context.getBusinessObject(LlmUsage.class);
    // One periodic task, its context captured once: scheduling a task per batch (a managed
    // executor captures the caller's context each time) cost more than the batch's insert.
    writer = scheduler.scheduleWithFixedDelay(() -> {
      List<LlmCall> lost = new ArrayList<>();
      try {
        queue.drain(batch -> {
          lost.addAll(batch);
          self.store(batch);
        });
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not write {0} LLM usage row(s), lost: {1}", lost.size(), e.getMessage());
      }
    }, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void store(List<LlmCall> batch) {
    try {
      UsageRows.insert(em.unwrap(Connection.class), batch);
    } catch (SQLException e) {
      throw new PersistenceException("could not insert " + batch.size() + " LLM usage row(s): " + e.getMessage(), e);
    }
  }

  /** Usage of the last {@code days} days per bot × backend, optionally for one bot; admins only. */
  public Summary summary(int days, String instanceId) {
    callers.admin();
    int d = Math.max(1, Math.min(days, MAX_DAYS));
    queue.drain(context.getBusinessObject(LlmUsage.class)::store);
    Instant since = Instant.now().minus(Duration.ofDays(d));
    List<LlmCall> rows = instanceId == null
        ? em.createNamedQuery(LlmCall.SINCE, LlmCall.class).setParameter("since", since).getResultList()
        : em.createNamedQuery(LlmCall.SINCE_FOR_INSTANCE, LlmCall.class)
            .setParameter("since", since).setParameter("instance", instanceId).getResultList();
    return new Summary(d, since, instanceId, UsageFigures.aggregate(rows));
  }

  @Schedule(hour = "3", minute = "40", timezone = "UTC", persistent = false,
      info = "prune LLM usage rows older than wabots.llm.usage-retention-days (90)")
  public void prune() {
    Instant before = Instant.now().minus(Duration.ofDays(settings.usageRetentionDays()));
    int removed = em.createNamedQuery(LlmCall.DELETE_BEFORE).setParameter("before", before).executeUpdate();
    LOG.log(Level.INFO, "Pruned {0} LLM usage row(s) older than {1}", removed, before);
  }

  @PreDestroy
  void stopWriting() {
    if (writer != null) {
      writer.cancel(false);
    }
    if (queue.size() > 0) {
      LOG.log(Level.INFO, "{0} LLM usage row(s) still queued at shutdown are not written", queue.size());
    }
  }

  /** The answer of {@code GET /admin/llm/usage}. */
  public record Summary(int days, Instant since, String instance, List<UsageFigures.Line> usage) {}
}
