package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.bot.graph.GraphApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static GraphApiException error(int status, int code) {
    return new GraphApiException(status, code, null, "refused", null, null);
  }

  @Test
  void transientErrorsBackOffExponentiallyFromOneToTwoSecondsWithJitterUpToFiveMinutes() {
    RetryPolicy lowest = new RetryPolicy(b -> 0, Duration.ofSeconds(60));
    RetryPolicy highest = new RetryPolicy(b -> b - 1, Duration.ofSeconds(60));
    for (int failed = 0; failed < RetryPolicy.MAX_ATTEMPTS - 1; failed++) {
      long base = Math.min(300_000, 2000L << failed);
      var low = assertInstanceOf(RetryPolicy.Retry.class, lowest.after(error(500, 0), failed));
      var high = assertInstanceOf(RetryPolicy.Retry.class, highest.after(error(400, 130429), failed));
      assertEquals(base / 2, low.delay().toMillis(), "attempt " + failed);
      assertEquals(base, high.delay().toMillis(), "attempt " + failed);
    }
  }

  @Test
  void thePairRateLimitWaitsFourToTheN() {
    RetryPolicy p = new RetryPolicy(b -> 0, Duration.ofSeconds(60));
    assertEquals(Duration.ofSeconds(4), ((RetryPolicy.Retry) p.after(error(400, 131056), 0)).delay());
    assertEquals(Duration.ofSeconds(16), ((RetryPolicy.Retry) p.after(error(400, 131056), 1)).delay());
    assertEquals(Duration.ofSeconds(64), ((RetryPolicy.Retry) p.after(error(400, 131056), 2)).delay());
    assertEquals(RetryPolicy.PAIR_MAX_DELAY, ((RetryPolicy.Retry) p.after(error(400, 131056), 8)).delay());
  }

  @Test
  void finalErrorsAndTooManyAttemptsGiveUpAndATokenRefusalHalts() {
    RetryPolicy p = new RetryPolicy(b -> 0, Duration.ofSeconds(42));
    for (int code : new int[] {131047, 131026, 100, 131008}) {
      assertInstanceOf(RetryPolicy.GiveUp.class, p.after(error(400, code), 0), "code " + code);
    }
    var gaveUp = assertInstanceOf(RetryPolicy.GiveUp.class, p.after(error(500, 0), RetryPolicy.MAX_ATTEMPTS - 1));
    assertTrue(gaveUp.why().contains("gave up after " + RetryPolicy.MAX_ATTEMPTS), gaveUp.why());
    var halt = assertInstanceOf(RetryPolicy.Halt.class, p.after(error(401, 190), 0));
    assertEquals(Duration.ofSeconds(42), halt.probeAfter());
  }
}
