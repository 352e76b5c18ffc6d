package dev.wabots.llm.boundary;

import dev.wabots.llm.control.Attempt;
import dev.wabots.llm.control.LlmSettings;
import dev.wabots.llm.control.UsageFigures;
import dev.wabots.llm.control.UsageRows;
import dev.wabots.llm.entity.LlmCall;
import dev.wabots.security.Callers;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LLM usage: one row per upstream call, written off the request path in batches (a chat answer
 * never waits for a database commit; a busy fleet writes a few transactions a second, each one JDBC
 * batch, not one per call), summed per bot × backend for admins, and pruned after the retention
 * period. Rows still queued are written before a summary is read; a crash loses at most the last
 * quarter second.
 */
@Singleton
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

  private final ConcurrentLinkedQueue<LlmCall> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  /** Held while a batch is taken from the queue and committed, so a summary never misses one in flight. */
  private final java.util.concurrent.locks.ReentrantLock flushing = new java.util.concurrent.locks.ReentrantLock();

  /** Queues one row per attempt; {@code instanceId} is null for a provider test. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void record(String instanceId, List<Attempt> attempts) {
    Instant now = Instant.now();
    for (Attempt a : attempts) {
      pending.add(a.ok()
          ? LlmCall.answered(now, instanceId, a.backend(), a.model(),
              a.completion().promptTokens(), a.completion().completionTokens(), a.latencyMs())
          : LlmCall.failed(now, instanceId, a.backend(), a.model(), a.failure().kind().id(),
              a.failure().httpStatus(), a.latencyMs()));
    }
    if (drainQueued.compareAndSet(false, true)) {
      LlmUsage self = context.getBusinessObject(LlmUsage.class);
      scheduler.schedule(() -> {
        drainQueued.set(false);
        flushing.lock();
        try {
          List<LlmCall> batch = new ArrayList<>();
          for (LlmCall c = pending.poll(); c != null; c = pending.poll()) {
            batch.add(c);
          }
          if (batch.isEmpty()) {
            return;
          }
          try {
            self.store(batch);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write {0} LLM usage row(s), lost: {1}", batch.size(), e.getMessage());
          }
        } finally {
          flushing.unlock();
        }
      }, BATCH_MILLIS, TimeUnit.MILLISECONDS);
    }
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
    flushing.lock();
    try {
      List<LlmCall> batch = new ArrayList<>();
      for (LlmCall c = pending.poll(); c != null; c = pending.poll()) {
        batch.add(c);
      }
      if (!batch.isEmpty()) {
        context.getBusinessObject(LlmUsage.class).store(batch);
      }
    } finally {
      flushing.unlock();
    }
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
  void writeRest() {
    if (!pending.isEmpty()) {
      LOG.log(Level.INFO, "{0} LLM usage row(s) still queued at shutdown are not written", pending.size());
    }
  }

  /** The answer of {@code GET /admin/llm/usage}. */
  public record Summary(int days, Instant since, String instance, List<UsageFigures.Line> usage) {}
}
