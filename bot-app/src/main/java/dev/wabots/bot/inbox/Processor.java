package dev.wabots.bot.inbox;

import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.contract.BotEvent;
import dev.wabots.bot.os.ThreadNice;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.funnel.store.StoreException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers what the webhook took: per customer strictly in arrival order ({@link Lanes}), different
 * customers in parallel. For each message the {@link Planner} commits the funnel step with the
 * replies to send, then the {@link Sender} sends them, each remembered once the Graph API accepted
 * it. A refused reply postpones the customer's lane until its retry is due (scheduled, and found
 * again after a restart); a refused token halts sending until a probe works. After a crash the bot
 * resumes exactly where it stopped, so every acknowledged message is answered once.
 */
@ApplicationScoped
public class Processor {

  private static final Logger LOG = System.getLogger(Processor.class.getName());
  /**
   * Threads that work the customers' lanes, {@code -Dwabots.bot.lanes=N} in {@code bot.jvm} (1–64,
   * default 16). Fewer give a busy bot's webhooks more of the CPU and answer fewer messages a second
   * (BENCHMARKS.md, "The acknowledgement's tail at 500/s").
   */
  public static final String LANES_PROPERTY = "wabots.bot.lanes";
  static final int LANE_THREADS = 16;
  /**
   * The lane threads' nice value, {@code -Dwabots.bot.lanes.nice=N} in {@code bot.jvm} (0–19; default
   * 0, the process's own): above 0 the webhooks' request threads take precedence over processing
   * when the CPU is short — a shorter acknowledgement tail while a bot warms up under load, fewer
   * messages answered a second on a saturated machine (BENCHMARKS.md, "Lanes at a lower priority").
   */
  public static final String NICE_PROPERTY = "wabots.bot.lanes.nice";
  static final int LANE_NICE = 0;
  static final int MAX_LANE_THREADS = 64;
  private final java.util.concurrent.atomic.AtomicInteger laneThreads = new java.util.concurrent.atomic.AtomicInteger();

  @Inject BotDatabase database;

  @Inject Inbox inbox;

  @Inject Planner planner;

  @Inject Sender sender;

  @Inject MediaIntake intake;

  @Inject GraphClient graph;

  @Inject Outbox outbox;

  /** Threads with the application's context, made once for the lanes' pool below. */
  @Resource ManagedThreadFactory threads;

  @Resource ManagedScheduledExecutorService managedScheduler;

  Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;
  private ThreadPoolExecutor lanesPool;
  private Lanes lanes;
  private volatile boolean stopping;
  private volatile String halted;
  /**
   * Customers whose last pass failed on something other than Meta's answer (the database busy for
   * longer than its write turn, a bug), by failures in a row: their lane runs again after a
   * growing pause, so nothing waits for the customer's next message or a restart.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> failing = new java.util.concurrent.ConcurrentHashMap<>();
  /** The first pause after a failed pass; doubled per failure in a row up to {@link #RETRY_MAX}. */
  static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  static final Duration RETRY_MAX = Duration.ofMinutes(2);
  private boolean probeScheduled;

  /** Called once at start, after the database is open: resumes what a crash left behind. */
  public void start() {
    /*
     * Not a managed executor for the lanes: that captures the context of every task it is given,
     * with a class-path search each time (16 % of a bot's CPU at 650 webhooks/s, BENCHMARKS.md);
     * threads of a managed thread factory carry the context once.
     */
    int count = laneThreadCount(System.getProperty(LANES_PROPERTY));
    int nice = laneNice(System.getProperty(NICE_PROPERTY));
    AtomicBoolean niceReported = new AtomicBoolean();
    lanesPool = new ThreadPoolExecutor(count, count, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> named(threads.newThread(niced(r, nice, niceReported)), "lane-" + laneThreads.incrementAndGet()));
    lanesPool.allowCoreThreadTimeOut(true);
    start(lanesPool, managedScheduler);
  }

  /** The lane threads {@code setting} asks for; the default, with a warning, when it is not 1–64. */
  static int laneThreadCount(String setting) {
    int n = setting(LANES_PROPERTY, setting, 1, MAX_LANE_THREADS, LANE_THREADS, "a number of lane threads");
    if (n != LANE_THREADS) {
      LOG.log(Level.INFO, "Lanes: {0} threads ({1})", n, LANES_PROPERTY);
    }
    return n;
  }

  /** The lanes' nice value {@code setting} asks for; the default, with a warning, when it is not 0–19. */
  static int laneNice(String setting) {
    return setting(NICE_PROPERTY, setting, 0, 19, LANE_NICE, "a nice value");
  }

  /** An integer setting from {@code min} to {@code max}; unset: {@code fallback}; else the same and a warning. */
  private static int setting(String property, String setting, int min, int max, int fallback, String what) {
    if (setting == null || setting.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(setting.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the warning
    }
    LOG.log(Level.WARNING, "{0}={1} is not {2} from {3} to {4}; using {5}", property,
        dev.wabots.whatsapp.Printable.of(setting, 40), what, min, max, fallback);
    return fallback;
  }

  /**
   * A lane thread lowers its own priority first (the webhooks' request threads keep theirs): when
   * the CPU is short, the kernel serves the intake before the processing. Said once per start,
   * whether it took.
   */
  private static Runnable niced(Runnable r, int nice, AtomicBoolean reported) {
    if (nice == 0) {
      return r;
    }
    return () -> {
      boolean set = ThreadNice.set(nice);
      if (reported.compareAndSet(false, true)) {
        if (set) {
          LOG.log(Level.INFO, "Lanes run at nice {0} ({1}): when the CPU is short, webhooks are taken first", nice,
              NICE_PROPERTY);
        } else {
          LOG.log(Level.INFO, "Lanes run at the process''s priority: a thread''s nice value needs JDK 22 or later"
              + " (this is {0}) on Linux", Runtime.version());
        }
      }
      r.run();
    };
  }

  /** Lane threads carry their own name, for thread dumps and {@code /proc/<pid>/task}. */
  private static Thread named(Thread thread, String name) {
    thread.setName(name);
    return thread;
  }

  /** Starts on the given threads (unit tests run the core without a container). */
  void start(Executor lanesExecutor, ScheduledExecutorService timers) {
    scheduler = timers;
    lanes = new Lanes(lanesExecutor, this::work);
    if (database.problem() != null) {
      return;
    }
    scheduler.scheduleWithFixedDelay(sender::summarise, 10, 10, TimeUnit.SECONDS);
    resumeAll();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    if (lanesPool != null) {
      lanesPool.shutdown();
    }
  }

  /** New messages were taken: work through each of their customers' queues. */
  public void kick(Iterable<String> phones) {
    for (String phone : phones) {
      lanes.kick(phone);
    }
  }

  /** Why sending is halted (the token was refused), or null. */
  public String halted() {
    return halted;
  }

  /** Every customer with unfinished messages: at start (after a crash) and when a halt ends. */
  void resumeAll() {
    try {
      List<String> phones = inbox.phonesWithUnfinished();
      if (!phones.isEmpty()) {
        LOG.log(Level.INFO, "Resuming unfinished messages of {0} customer(s)", phones.size());
      }
      phones.forEach(lanes::kick);
    } catch (StoreException e) {
      LOG.log(Level.ERROR, "Cannot read the inbox to resume: {0}", e.getMessage());
    }
  }

  /** One pass over a customer's unfinished messages, oldest first; stops at the first that must wait. */
  private void work(String phone) {
    try {
      for (InboxRow row : inbox.unfinished(phone)) {
        if (stopping || halted != null) {
          return;
        }
        if (row.nextAttempt() != null && row.nextAttempt().isAfter(clock.instant())) {
          later(phone, row.nextAttempt());
          return; // later messages of this customer wait for it, in order
        }
        if (!process(row)) {
          failing.remove(phone);
          return;
        }
      }
      failing.remove(phone);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      int inARow = failing.merge(phone, 1, Integer::sum);
      Duration pause = retryPause(inARow);
      LOG.log(Level.ERROR, "Processing messages of {0} failed ({1} in a row), again in {2} s: {3}", phone, inARow,
          pause.toSeconds(), e.toString());
      if (!stopping) {
        later(phone, clock.instant().plus(pause));
      }
    }
  }

  /** The pause before the {@code inARow}-th retry of a failed pass. */
  static Duration retryPause(int inARow) {
    Duration pause = RETRY_FIRST.multipliedBy(1L << Math.min(inARow - 1, 16));
    return pause.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause;
  }

  /** @return whether the customer's next message may follow */
  private boolean process(InboxRow row) throws InterruptedException {
    InboxRow current = row;
    if (current.state() == RowState.PENDING) {
      MediaIntake.Result media = intake.take(current);
      if (media instanceof MediaIntake.Postponed postponed) {
        later(row.phone(), postponed.at());
        return false;
      }
      if (media instanceof MediaIntake.Halted h) {
        halt(h.why(), h.probeAfter(), row.phone());
        return false;
      }
      current = planner.plan(current);
      if (current == null) {
        return true;
      }
    }
    Sender.Result result = sender.send(current);
    if (result instanceof Sender.Postponed postponed) {
      later(row.phone(), postponed.at());
      return false;
    }
    if (result instanceof Sender.Halted h) {
      halt(h.why(), h.probeAfter(), row.phone());
      return false;
    }
    return true;
  }

  private void later(String phone, Instant at) {
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    scheduler.schedule(() -> lanes.kick(phone), delay, TimeUnit.MILLISECONDS);
  }

  /** Stops all sending; after {@code probeAfter} the customer whose reply was refused is tried again. */
  private synchronized void halt(String why, Duration probeAfter, String probePhone) {
    if (halted == null) {
      LOG.log(Level.ERROR, "Sending stopped: {0}. Nothing is lost; trying again every {1} s", why,
          probeAfter.toSeconds());
      try {
        outbox.append("", new BotEvent.Alert("token_refused", why)); // the owner hears of it
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot record the alert: {0}", e.getMessage());
      }
    }
    halted = why;
    if (!probeScheduled) {
      probeScheduled = true;
      scheduler.schedule(() -> probe(probePhone), probeAfter.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One customer's lane runs again; if its reply goes, everyone's do. */
  private void probe(String phone) {
    synchronized (this) {
      probeScheduled = false;
      halted = null;
    }
    lanes.kick(phone);
    scheduler.schedule(() -> {
      if (halted == null && graph.tokenProblem() == null) {
        resumeAll();
      }
    }, 2, TimeUnit.SECONDS);
  }
}
