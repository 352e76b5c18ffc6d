package dev.wabots.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wabots.platform.TooManyRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  LoginThrottle throttle;

  @BeforeEach
  void fresh() {
    throttle = new LoginThrottle();
    at(0);
  }

  void at(long millis) {
    throttle.useClock(Clock.fixed(T0.plusMillis(millis), ZoneOffset.UTC));
  }

  /** Failed attempts of {@code name} from {@code address}. */
  void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.attempt(name, address);
    }
  }

  @Test
  void aCorrectPasswordFromANewAddressIsNeverRefusedForFailuresElsewhere() {
    for (int i = 0; i < 30; i++) { // within one minute, from many addresses
      at(i * 1_000L);
      fail("t2user", "10.0.0." + i, 1);
    }
    for (int i = 0; i < LoginThrottle.FREE_FAILURES + 5; i++) {
      at(30_000 + i);
      try {
        throttle.attempt("t2user", "10.0.1.1");
      } catch (TooManyRequests throttled) {
        // that address is slowed down now
      }
    }
    assertDoesNotThrow(() -> throttle.attempt("t2user", "192.168.7.7"));
  }

  @Test
  void spellingsOfTheSameNameShareOneKey() {
    fail("t2user", "10.0.0.1", LoginThrottle.FREE_FAILURES);
    TooManyRequests e = assertThrows(TooManyRequests.class, () -> throttle.attempt(" t2user", "10.0.0.1"));
    assertEquals(1, e.retryAfterSeconds());
    assertThrows(TooManyRequests.class, () -> throttle.attempt("T2USER\t", "10.0.0.1"));
  }

  @Test
  void theDelayGrowsWithEachFailureInARow() {
    fail("ann", "10.0.0.1", 3);
    long t = 0;
    for (long expected : new long[] {1, 2, 4, 8, 16}) {
      long now = t;
      TooManyRequests e = assertThrows(TooManyRequests.class, () -> throttle.attempt("ann", "10.0.0.1"));
      assertEquals(expected, e.retryAfterSeconds(), "after " + expected);
      t = now + expected * 1000;
      at(t + 61_000); // and past the address's one-minute window
      t += 61_000;
      throttle.attempt("ann", "10.0.0.1");
    }
    assertEquals(LoginThrottle.MAX_DELAY, LoginThrottle.delay(40));
  }

  @Test
  void aSuccessStartsTheNameAndAddressOver() {
    fail("ann", "10.0.0.1", 3);
    at(1_000);
    throttle.attempt("ann", "10.0.0.1");
    throttle.succeeded("Ann ", "10.0.0.1");
    fail("ann", "10.0.0.1", 3);
    assertThrows(TooManyRequests.class, () -> throttle.attempt("ann", "10.0.0.1"));
  }

  @Test
  void oneAddressMakesAtMostTheLimitOfAttemptsAMinuteWhateverTheName() {
    for (int i = 0; i < LoginThrottle.LIMIT; i++) {
      throttle.attempt("user" + i, "192.168.1.1");
    }
    TooManyRequests e = assertThrows(TooManyRequests.class, () -> throttle.attempt("bob", "192.168.1.1"));
    assertEquals(60, e.retryAfterSeconds());
    assertDoesNotThrow(() -> throttle.attempt("bob", "192.168.1.2"), "other addresses are not affected");
    at(Duration.ofSeconds(61).toMillis());
    assertDoesNotThrow(() -> throttle.attempt("bob", "192.168.1.1"));
  }
}
