package dev.wabots.bot.inbox;

import dev.wabots.bot.graph.GraphApiException;
import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * What to do after the Graph API refused a reply — the one retry policy of the bot. Nothing sleeps
 * on a lane: a retry postpones the message (later messages of the same customer wait behind it,
 * others go on) and is scheduled; postponed rows survive a restart.
 *
 * <ul>
 *   <li>190 (token refused): {@link Halt} — the whole bot stops sending and probes again later;
 *   <li>131056 (pair rate limit): 4<sup>n</sup> s, as Meta asks;
 *   <li>other transient errors (rate limits, 5xx, connection): 1–2 s, doubling, half of it
 *       jittered, at most {@link #MAX_DELAY};
 *   <li>anything else, or after {@link #MAX_ATTEMPTS} attempts: {@link GiveUp}, with the reason.
 * </ul>
 */
final class RetryPolicy {

  static final int MAX_ATTEMPTS = 12;
  /**
   * The first retry waits 1–2 s: long enough for Meta's throughput limits, and no reply is in
   * flight for long (a reply accepted by Meta but not yet recorded is the one thing a crash can
   * repeat).
   */
  static final Duration FIRST_DELAY = Duration.ofSeconds(2);
  static final Duration MAX_DELAY = Duration.ofMinutes(5);
  static final Duration PAIR_MAX_DELAY = Duration.ofMinutes(15);
  static final Duration HALT_PROBE = Duration.ofSeconds(60);

  /** A number from 0 (inclusive) to the bound (exclusive): jitter; deterministic in tests. */
  private final LongUnaryOperator random;
  private final Duration haltProbe;

  RetryPolicy(LongUnaryOperator random, Duration haltProbe) {
    this.random = random;
    this.haltProbe = haltProbe;
  }

  RetryPolicy() {
    this(bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound), HALT_PROBE);
  }

  sealed interface Decision {}

  /** Try this message again after {@code delay}. */
  record Retry(Duration delay, String why) implements Decision {}

  /** Refused for good: the message is finished as failed. */
  record GiveUp(String why) implements Decision {}

  /** The bot cannot send at all (token refused): stop, probe again after {@code probeAfter}. */
  record Halt(Duration probeAfter, String why) implements Decision {}

  /**
   * @param failedBefore attempts of this message that failed before this one
   */
  Decision after(GraphApiException e, int failedBefore) {
    if (e.tokenInvalid()) {
      return new Halt(haltProbe, e.describe());
    }
    if (!e.retryable()) {
      return new GiveUp(e.describe());
    }
    int attempt = failedBefore + 1;
    if (attempt >= MAX_ATTEMPTS) {
      return new GiveUp("gave up after " + attempt + " attempts: " + e.describe());
    }
    if (e.code() == 131056) {
      long seconds = (long) Math.pow(4, Math.min(attempt, 6));
      return new Retry(min(Duration.ofSeconds(seconds), PAIR_MAX_DELAY), e.describe());
    }
    long base = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(attempt - 1, 20));
    return new Retry(Duration.ofMillis(base / 2 + random.applyAsLong(base / 2 + 1)), e.describe());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
