package dev.wabots.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashPolicyTest {

  final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void backsOffFromOneSecondDoublingAndDeclaresALoopAtTheFifthCrashInTenMinutes() {
    CrashPolicy p = new CrashPolicy();
    assertEquals(Duration.ofSeconds(1), p.crashed(t0, t0).delay());
    assertEquals(Duration.ofSeconds(2), p.crashed(t0.plusSeconds(5), t0.plusSeconds(2)).delay());
    assertEquals(Duration.ofSeconds(4), p.crashed(t0.plusSeconds(10), t0.plusSeconds(8)).delay());
    assertEquals(Duration.ofSeconds(8), p.crashed(t0.plusSeconds(20), t0.plusSeconds(15)).delay());
    CrashPolicy.Decision fifth = p.crashed(t0.plusSeconds(40), t0.plusSeconds(30));
    assertTrue(fifth.loop());
  }

  @Test
  void capsTheDelayAtSixtySecondsAndForgetsOldCrashes() {
    CrashPolicy p = new CrashPolicy();
    Instant t = t0;
    Duration last = null;
    for (int i = 0; i < 10; i++) {
      t = t.plus(Duration.ofMinutes(3)); // never 5 within 10 minutes
      CrashPolicy.Decision d = p.crashed(t, t.minusSeconds(30));
      assertFalse(d.loop(), "crash " + i);
      last = d.delay();
    }
    assertEquals(Duration.ofSeconds(60), last);
  }

  @Test
  void aLongHealthyRunResetsTheBackoffAndAResetForgetsEverything() {
    CrashPolicy p = new CrashPolicy();
    p.crashed(t0, t0);
    p.crashed(t0.plusSeconds(3), t0.plusSeconds(2));
    assertEquals(Duration.ofSeconds(1), p.crashed(t0.plusSeconds(3600), t0.plusSeconds(60)).delay());
    for (int i = 0; i < 4; i++) {
      p.crashed(t0.plusSeconds(3601 + i), t0.plusSeconds(3600));
    }
    p.reset();
    assertFalse(p.crashed(t0.plusSeconds(3700), t0.plusSeconds(3699)).loop());
  }
}
