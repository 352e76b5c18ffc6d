package dev.wabots.notifications.boundary;

import dev.wabots.llm.control.PublicAddresses;
import dev.wabots.notifications.control.ChannelConfig;
import dev.wabots.notifications.control.DeliveryFailed;
import dev.wabots.notifications.control.Notice;
import dev.wabots.notifications.control.Senders;
import dev.wabots.notifications.entity.NotificationChannel;
import dev.wabots.notifications.entity.PendingNotification;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers queued notices, one channel call at a time on the container's scheduler — never on a
 * request's or a bot's thread. A failure is retried after 10 s, doubling up to an hour, at most
 * {@value #MAX_ATTEMPTS} times; a refusal no retry can fix (a wrong token or password) gives up at
 * once. Each channel shows its last success and last error.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotificationDelivery {

  private static final Logger LOG = System.getLogger(NotificationDelivery.class.getName());
  static final int MAX_ATTEMPTS = 12;
  static final Duration FIRST_RETRY = Duration.ofSeconds(10);
  static final Duration MAX_RETRY = Duration.ofHours(1);
  static final int BATCH = 50;

  @PersistenceContext EntityManager em;

  @Inject Notifications notifications;

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource SessionContext context;

  @Inject
  @ConfigProperty(name = "wabots.telegram.api-base", defaultValue = "https://api.telegram.org")
  String telegramBase;

  private Senders senders;
  private NotificationDelivery self;
  private ScheduledFuture<?> timer;
  private final AtomicBoolean running = new AtomicBoolean();

  @PostConstruct
  void start() {
    senders = new Senders(telegramBase);
    self = context.getBusinessObject(NotificationDelivery.class);
    timer = scheduler.scheduleWithFixedDelay(this::round, 5, 5, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** New notices are queued: deliver them now rather than at the next round. */
  public void wake() {
    scheduler.execute(this::round);
  }

  /** One delivery, now, outside any queue (a person's test); the caller records the outcome. */
  public void deliverNow(NotificationChannel channel, ChannelConfig config, Notice notice, String deliveryId)
      throws DeliveryFailed {
    check(channel, config);
    senders.send(config, notice, deliveryId);
  }

  private void round() {
    if (!running.compareAndSet(false, true)) {
      return; // a round is under way; it picks up what was queued
    }
    try {
      List<Long> due;
      do {
        due = self.due();
        for (Long id : due) {
          deliver(id);
        }
      } while (due.size() == BATCH);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Notification delivery round failed: {0}", e.toString());
    } finally {
      running.set(false);
    }
  }

  /** Notices due now. */
  public List<Long> due() {
    return em.createNamedQuery(PendingNotification.DUE, PendingNotification.class).setParameter("now", Instant.now())
        .setMaxResults(BATCH).getResultList().stream().map(PendingNotification::id).toList();
  }

  /** What to deliver for one pending notice, read in a transaction; null when it is gone. */
  public Work work(long id) {
    PendingNotification p = em.find(PendingNotification.class, id);
    if (p == null) {
      return null;
    }
    NotificationChannel c = em.find(NotificationChannel.class, p.channelId());
    if (c == null || !c.enabled()) {
      em.remove(p);
      return null;
    }
    return new Work(c, notifications.config(c), Notifications.readNotice(p.payload()), "n" + id);
  }

  /** What one delivery needs. */
  public record Work(NotificationChannel channel, ChannelConfig config, Notice notice, String deliveryId) {}

  private void deliver(long id) {
    Work w = self.work(id);
    if (w == null) {
      return;
    }
    try {
      check(w.channel(), w.config());
      senders.send(w.config(), w.notice(), w.deliveryId());
      self.delivered(id);
    } catch (DeliveryFailed e) {
      self.failed(id, e.getMessage(), e.retryable());
    }
  }

  public void delivered(long id) {
    PendingNotification p = em.find(PendingNotification.class, id);
    if (p != null) {
      NotificationChannel c = em.find(NotificationChannel.class, p.channelId());
      if (c != null) {
        c.delivered(Instant.now());
      }
      em.remove(p);
    }
  }

  public void failed(long id, String why, boolean retryable) {
    PendingNotification p = em.find(PendingNotification.class, id);
    if (p == null) {
      return;
    }
    NotificationChannel c = em.find(NotificationChannel.class, p.channelId());
    if (c != null) {
      c.failed(why, Instant.now());
    }
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(p.attempts(), 10));
    boolean again = retryable && p.failed(Instant.now().plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait), MAX_ATTEMPTS);
    if (!again) {
      LOG.log(Level.WARNING, "Notice {0} to channel {1} not delivered, given up: {2}", p.event(), p.channelId(), why);
      em.remove(p);
    }
  }

  /** A channel a non-admin set up reaches only public addresses, checked before every delivery. */
  private static void check(NotificationChannel channel, ChannelConfig config) throws DeliveryFailed {
    if (!channel.publicOnly()) {
      return;
    }
    String url = config instanceof ChannelConfig.Webhook w ? w.url()
        : config instanceof ChannelConfig.Email e ? "smtp://" + e.host() + ":" + e.port() : null;
    if (url != null) {
      var problem = PublicAddresses.DNS.problem(url);
      if (problem.isPresent()) {
        throw new DeliveryFailed("blocked: " + problem.get(), false);
      }
    }
  }
}
