package dev.wabots.bot.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;

/**
 * The JIT's optimising compiler (C2), held back while the bot starts and idles and let go when
 * traffic comes. {@code bot.jvm} starts every bot with a compiler directives file that excludes C2
 * for every method: a start then costs what it costs with C1 alone, and an idle bot never spends
 * CPU or memory on C2. The first signed webhook clears the directives (the JVM's {@code
 * Compiler.directives_clear} diagnostic command, which {@code jcmd} also runs), and from then on
 * hot code is compiled by C2. {@code -XX:TieredStopAtLevel=1} would give the same start but can
 * never be lifted: a busy bot took half the webhooks per CPU second with it (BENCHMARKS.md).
 *
 * <p>Methods C2 was asked for while held stay with C1 (the JVM marks them), which are the start's
 * hot methods, not the webhook path's. Clearing drops every directive of the process, including
 * any an operator added with {@code jcmd}.
 */
@ApplicationScoped
public class OptimizingCompiler {

  private static final Logger LOG = System.getLogger(OptimizingCompiler.class.getName());

  static final String DIRECTIVES_OPTION = "-XX:CompilerDirectivesFile=";

  /** What the status shows: {@code held}, {@code released}, {@code on}, {@code off} or {@code unavailable: …}. */
  private volatile String state;

  private volatile Instant releasedAt;

  private final AtomicBoolean releasing = new AtomicBoolean();

  private final Runnable clear;

  public OptimizingCompiler() {
    this(ManagementFactory.getRuntimeMXBean().getInputArguments(), OptimizingCompiler::clearDirectives);
  }

  OptimizingCompiler(List<String> jvmArguments, Runnable clear) {
    this.clear = clear;
    this.state = initialState(jvmArguments);
  }

  private static String initialState(List<String> jvmArguments) {
    if (jvmArguments.stream().anyMatch(a -> a.matches("-XX:TieredStopAtLevel=[0-3]"))) {
      return "off"; // C1 only for the whole life of the process
    }
    return jvmArguments.stream().anyMatch(a -> a.startsWith(DIRECTIVES_OPTION)) ? "held" : "on";
  }

  /** Lets C2 compile from now on. The first call does it (a few milliseconds); later calls return at once. */
  public void release() {
    if (releasing.get() || !"held".equals(state) || !releasing.compareAndSet(false, true)) {
      return;
    }
    try {
      clear.run();
      releasedAt = Instant.now();
      state = "released";
      LOG.log(Level.INFO, "Webhook traffic: the optimising compiler (C2) is on from now");
    } catch (RuntimeException e) {
      state = "unavailable: " + e.getMessage();
      LOG.log(Level.WARNING, "Cannot switch the optimising compiler on ({0}); the bot goes on with C1 only", e.toString());
    }
  }

  public String state() {
    return state;
  }

  /** When {@link #release()} switched C2 on, or null. */
  public Instant releasedAt() {
    return releasedAt;
  }

  /** Clears the JVM's compiler directives through the platform's diagnostic command MBean. */
  static void clearDirectives() {
    try {
      ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesClear",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (Exception e) {
      throw new IllegalStateException("the JVM's Compiler.directives_clear command failed: " + e, e);
    }
  }
}
