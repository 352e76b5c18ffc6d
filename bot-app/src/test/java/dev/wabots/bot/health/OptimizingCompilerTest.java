package dev.wabots.bot.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OptimizingCompilerTest {

  static final List<String> HELD = List.of("-Xmx128m", "-XX:+UnlockDiagnosticVMOptions",
      "-XX:CompilerDirectivesFile=/opt/runtime/bot-compiler-directives.json");

  @Test
  void heldUntilTheFirstReleaseWhichClearsTheDirectivesOnceForManyThreads() throws Exception {
    AtomicInteger clears = new AtomicInteger();
    OptimizingCompiler compiler = new OptimizingCompiler(HELD, clears::incrementAndGet);
    assertEquals("held", compiler.state());
    assertNull(compiler.releasedAt());

    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 64; i++) {
      pool.execute(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        compiler.release();
      });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(1, clears.get());
    assertEquals("released", compiler.state());
    assertNotNull(compiler.releasedAt());
  }

  @Test
  void aFailedClearIsShownAndNotRetriedOnEveryWebhook() {
    AtomicInteger clears = new AtomicInteger();
    OptimizingCompiler compiler = new OptimizingCompiler(HELD, () -> {
      clears.incrementAndGet();
      throw new IllegalStateException("no diagnostic commands in this JVM");
    });
    compiler.release();
    compiler.release();
    assertEquals(1, clears.get());
    assertEquals("unavailable: no diagnostic commands in this JVM", compiler.state());
    assertNull(compiler.releasedAt());
  }

  @Test
  void withoutTheDirectivesC2IsOnFromTheStartAndWithC1OnlyItIsOff() {
    AtomicInteger clears = new AtomicInteger();
    OptimizingCompiler on = new OptimizingCompiler(List.of("-Xmx128m"), clears::incrementAndGet);
    OptimizingCompiler off = new OptimizingCompiler(List.of("-XX:TieredStopAtLevel=1",
        "-XX:CompilerDirectivesFile=/x.json"), clears::incrementAndGet);
    on.release();
    off.release();
    assertEquals("on", on.state());
    assertEquals("off", off.state());
    assertEquals(0, clears.get());
  }

  @Test
  void theJvmsDiagnosticCommandIsFoundAndRuns() {
    // The real MBean operation of this JVM (name and signature as the bot calls it); with no
    // directives file the stack holds only the default directive, which clearing keeps.
    OptimizingCompiler.clearDirectives();
  }
}
