package dev.wabots.bot.events;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Orchestrator;
import dev.wabots.bot.http.JsonHttp;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.EventAck;
import dev.wabots.contract.EventBatch;
import dev.wabots.funnel.store.StoreException;
import dev.wabots.whatsapp.Printable;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers the outbox to the orchestrator ({@code POST /internal/events}, the bot's token): in
 * order, in batches, until acknowledged. New events wake it at once — but a partial batch goes at
 * most every {@link #SPACING}, so a busy bot sends fewer, fuller batches; while the orchestrator
 * does not answer it waits 1 s, doubling up to 30 s, and nothing is lost — the events stay in the
 * bot's database across restarts.
 */
@ApplicationScoped
public class EventPublisher {

  private static final Logger LOG = System.getLogger(EventPublisher.class.getName());
  static final int BATCH = 500;
  /** A batch stays well under the orchestrator's 1 MB body limit. */
  static final int BATCH_BYTES = 256 * 1024;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /**
   * The least time from one delivery to the next after a partial batch. Each delivery costs a read
   * and a write of the outbox here and a request and a transaction in the orchestrator; at 20
   * customers a second a bot delivered a few events at a time, one round after another. An idle
   * bot's first event still goes at once; a full batch (a backlog) is followed at once.
   */
  static final Duration SPACING = Duration.ofMillis(50);
  /** Looked at even without a signal (events appended by an earlier process). */
  static final Duration IDLE_CHECK = Duration.ofSeconds(5);

  @Inject Outbox outbox;

  @Inject Configuration configuration;

  @Inject Orchestrator orchestrator;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Resource ManagedThreadFactory threads;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean signalled;
  private volatile boolean stopping;
  private volatile Thread worker;
  private volatile String stream;
  private volatile Instant lastDelivered;
  private volatile String lastProblem;
  /** When the last delivery was sent ({@link System#nanoTime}), and whether its batch was full. */
  private long lastSentAt = System.nanoTime() - SPACING.toNanos();
  private boolean lastFull;

  /** Starts delivering (once the database is open). */
  public void start() {
    stream = outbox.stream();
    outbox.onAppend(this::signal);
    Thread t = threads.newThread(this::run);
    t.setName("event-publisher");
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    signal();
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  /** New events are committed. */
  void signal() {
    lock.lock();
    try {
      signalled = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** When the orchestrator last acknowledged events, and the last delivery problem (null when fine). */
  public Instant lastDelivered() {
    return lastDelivered;
  }

  public String lastProblem() {
    return lastProblem;
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (!stopping) {
      boolean more;
      try {
        if (!pause(Duration.ofNanos(spacingLeft(System.nanoTime() - lastSentAt, lastFull)))) {
          return;
        }
        more = deliverOnce();
        if (lastProblem != null) {
          LOG.log(Level.INFO, "Events reach the orchestrator again");
        }
        lastProblem = null;
        backoff = FIRST_BACKOFF;
      } catch (DeliveryFailed e) {
        if (!e.getMessage().equals(lastProblem)) {
          LOG.log(Level.WARNING, "Events not delivered ({0}); kept and tried again, every {1} s at most",
              e.getMessage(), MAX_BACKOFF.toSeconds());
        }
        lastProblem = e.getMessage();
        if (!pause(e.busy ? FIRST_BACKOFF : backoff)) {
          return;
        }
        backoff = next(backoff, e.busy);
        continue;
      }
      if (!more && !awaitSignal()) {
        return;
      }
    }
  }

  /** @return whether more events may be waiting */
  boolean deliverOnce() throws DeliveryFailed {
    List<EventBatch.Stored> events;
    try {
      events = outbox.stored(BATCH);
    } catch (StoreException e) {
      throw new DeliveryFailed("cannot read the outbox: " + e.getMessage());
    }
    if (events.isEmpty()) {
      return false;
    }
    String body = ContractJson.eventBatch(configuration.settings().id(), stream, events);
    while (body.length() > BATCH_BYTES && events.size() > 1) {
      events = events.subList(0, events.size() / 2);
      body = ContractJson.eventBatch(configuration.settings().id(), stream, events);
    }
    lastFull = events.size() >= BATCH || body.length() * 2 > BATCH_BYTES;
    lastSentAt = System.nanoTime();
    EventAck ack;
    try {
      JsonHttp.Answer r = orchestrator.events(body, TIMEOUT);
      if (r.status() != 200) {
        throw new DeliveryFailed("HTTP " + r.status() + " " + Printable.of(r.body(), 200), r.status() == 503);
      }
      ack = ContractJson.read(r.body(), EventAck.class);
    } catch (java.io.IOException | ContractException e) {
      throw new DeliveryFailed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed("interrupted");
    }
    if (!stream.equals(ack.stream())) {
      throw new DeliveryFailed("the orchestrator acknowledged another stream: " + ack.stream());
    }
    try {
      outbox.acknowledged(ack.upTo());
    } catch (StoreException e) {
      throw new DeliveryFailed("cannot forget delivered events: " + e.getMessage());
    }
    lastDelivered = Instant.now();
    return true; // look again at once: more may be waiting (an empty read ends the round)
  }

  /** How long to wait before the next delivery, {@code sinceLast} ns after the last one was sent. */
  static long spacingLeft(long sinceLast, boolean lastFull) {
    return lastFull ? 0 : Math.max(0, SPACING.toNanos() - sinceLast);
  }

  /**
   * The pause after the next failure: doubled up to {@link #MAX_BACKOFF} while the orchestrator
   * does not answer or refuses; unchanged when it answered busy (503: it is up and storing other
   * bots' events), which is retried after {@link #FIRST_BACKOFF} — doubling there made a bot wait
   * up to 30 s behind a moment of contention.
   */
  static Duration next(Duration backoff, boolean busy) {
    if (busy) {
      return backoff;
    }
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  private boolean awaitSignal() {
    lock.lock();
    try {
      if (!signalled) {
        wake.await(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
      }
      signalled = false;
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    } finally {
      lock.unlock();
    }
  }

  private boolean pause(Duration d) {
    if (d.toMillis() <= 0) {
      return !stopping;
    }
    try {
      Thread.sleep(d.toMillis());
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** A delivery that did not go through; the events stay. */
  static final class DeliveryFailed extends Exception {
    private static final long serialVersionUID = 1L;

    /** The orchestrator answered that it is busy (503): it is up, try again soon. */
    final boolean busy;

    DeliveryFailed(String message) {
      this(message, false);
    }

    DeliveryFailed(String message, boolean busy) {
      super(message, null, false, false);
      this.busy = busy;
    }
  }
}
