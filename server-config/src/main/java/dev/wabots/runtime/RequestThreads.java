package dev.wabots.runtime;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.config.ConfigAwareElement;
import org.glassfish.grizzly.config.dom.NetworkListener;
import org.glassfish.grizzly.config.dom.ThreadPool;
import org.glassfish.grizzly.config.dom.Transport;
import org.glassfish.grizzly.memory.ByteBufferManager;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.memory.ThreadLocalPool;
import org.glassfish.grizzly.memory.ThreadLocalPoolProvider;
import org.glassfish.grizzly.threadpool.DefaultWorkerThread;
import org.glassfish.hk2.api.ServiceLocator;

/**
 * A bot's request threads: Payara's {@code http-thread-pool}, named by its {@code classname} in
 * {@code bot-pre-boot.asadmin}. Threads are made when requests need them, up to the pool's
 * maximum, and end after the pool's idle timeout, so an idle bot keeps one or two of them (its
 * health checks) instead of the whole pool.
 *
 * <p>Why not Grizzly's own pools: for a pool whose minimum is below its maximum Grizzly runs its
 * {@code SyncThreadPool}, where the listener's selector and every waiting thread take one monitor
 * per request (13 % of a busy bot's samples in a profile, BENCHMARKS.md); with minimum = maximum it
 * runs a lock-free queue but starts every thread with the bot, ~4 MB of memory per idle bot for 16.
 * This pool hands a request straight to a waiting thread ({@link LinkedTransferQueue#tryTransfer}),
 * makes a thread when none waits and the maximum is not reached, and queues only when all threads
 * are busy. The queue is bounded by the pool's {@code max-queue-size}: beyond it a request is
 * refused, as with Grizzly's pools.
 *
 * <p>Threads are Grizzly's {@link DefaultWorkerThread}s with a buffer pool of the listener's memory
 * manager, as Grizzly makes them: its buffers and caches are per worker thread.
 */
public final class RequestThreads extends ThreadPoolExecutor implements ConfigAwareElement<ThreadPool> {

  private static final Logger LOG = Logger.getLogger(RequestThreads.class.getName());

  /** Until {@link #configure} runs: Payara's defaults for the queue, ours for the rest. */
  static final int DEFAULT_MAX_THREADS = 16;
  static final int DEFAULT_IDLE_SECONDS = 20;
  static final int DEFAULT_QUEUE = 4096;
  private static final MemoryManager DIRECT = new ByteBufferManager(true, 65536, 32);

  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger threadNumber = new AtomicInteger();
  private volatile int queueLimit = DEFAULT_QUEUE;
  private volatile String threadName = "http-thread-pool";
  private volatile ClassLoader contextLoader = RequestThreads.class.getClassLoader();
  private volatile boolean directBuffers;

  /** What Payara calls (by class name); sized by {@link #configure}. */
  public RequestThreads() {
    this(DEFAULT_MAX_THREADS, DEFAULT_IDLE_SECONDS, DEFAULT_QUEUE);
  }

  RequestThreads(int maxThreads, long idleSeconds, int queueLimit) {
    super(0, maxThreads, idleSeconds, TimeUnit.SECONDS, new Handoff(), Thread::new, new QueueWhenFull());
    ((Handoff) getQueue()).pool = this;
    this.queueLimit = queueLimit;
    setThreadFactory(new Workers());
  }

  /** Called by Payara's listener with the pool's configuration before the first request. */
  @Override
  public void configure(ServiceLocator locator, NetworkListener listener, ThreadPool config) {
    int max = positive(config.getMaxThreadPoolSize(), DEFAULT_MAX_THREADS, "max-thread-pool-size");
    int idle = positive(config.getIdleThreadTimeoutSeconds(), DEFAULT_IDLE_SECONDS, "idle-thread-timeout-seconds");
    int queue = positive(config.getMaxQueueSize(), DEFAULT_QUEUE, "max-queue-size");
    setMaximumPoolSize(max); // no core threads: any maximum of at least 1 is valid
    setKeepAliveTime(idle, TimeUnit.SECONDS);
    queueLimit = queue;
    threadName = config.getName() + "::" + listener.getName();
    contextLoader = RequestThreads.class.getClassLoader();
    Transport transport = listener.findTransport();
    directBuffers = transport != null && !"heap".equalsIgnoreCase(transport.getByteBufferType());
    LOG.log(Level.FINE, "{0}: up to {1} request threads made on demand, idle for {2} s at most, queue {3}",
        new Object[] {threadName, max, idle, queue});
  }

  private static int positive(String value, int fallback, String name) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // logged below
    }
    LOG.log(Level.WARNING, "Request threads: {0}={1} is not a positive number; using {2}", new Object[] {name, value, fallback});
    return fallback;
  }

  @Override
  public void execute(Runnable task) {
    if (waiting.incrementAndGet() > queueLimit) {
      waiting.decrementAndGet();
      throw new RejectedExecutionException("request queue full (" + queueLimit + " waiting)");
    }
    try {
      super.execute(task);
    } catch (RuntimeException e) {
      waiting.decrementAndGet();
      throw e;
    }
  }

  @Override
  protected void beforeExecute(Thread thread, Runnable task) {
    waiting.decrementAndGet();
    // As Grizzly's own pools do: a request leaves no class loader behind for the next one.
    thread.setContextClassLoader(contextLoader);
  }

  /** Requests accepted but not yet started (handed over, queued or waiting for a new thread). */
  int waiting() {
    return waiting.get();
  }

  /**
   * The hand-over: a request goes to a thread that waits for one; when none waits, the executor is
   * told the queue is full (so it makes a thread) until the pool has its maximum, and only then is
   * the request queued.
   */
  private static final class Handoff extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    transient RequestThreads pool;

    @Override
    public boolean offer(Runnable task) {
      if (tryTransfer(task)) {
        return true;
      }
      if (pool.getPoolSize() < pool.getMaximumPoolSize()) {
        return false;
      }
      return super.offer(task);
    }

    boolean queue(Runnable task) {
      return super.offer(task);
    }
  }

  /** The pool reached its maximum between the hand-over's look and the executor's: queue it. */
  private static final class QueueWhenFull implements RejectedExecutionHandler {
    @Override
    public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
      if (executor.isShutdown() || !((Handoff) executor.getQueue()).queue(task)) {
        throw new RejectedExecutionException("request threads shut down");
      }
    }
  }

  private final class Workers implements ThreadFactory {
    @Override
    public Thread newThread(Runnable work) {
      // The pool's kind must match the listener's memory manager (heap: Grizzly's default; else
      // direct byte buffers, the manager Payara gives the transport then); a wrong kind only
      // leaves the thread without a pool.
      MemoryManager memory = directBuffers ? DIRECT : MemoryManager.DEFAULT_MEMORY_MANAGER;
      ThreadLocalPool<?> buffers = memory instanceof ThreadLocalPoolProvider provider ? provider.createThreadLocalPool() : null;
      Thread thread = new DefaultWorkerThread(Grizzly.DEFAULT_ATTRIBUTE_BUILDER,
          threadName + "(" + threadNumber.incrementAndGet() + ")", buffers, work);
      thread.setDaemon(true);
      thread.setContextClassLoader(contextLoader);
      thread.setUncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "Uncaught in " + t.getName(), e));
      return thread;
    }
  }
}
