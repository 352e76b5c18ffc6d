package dev.wabots.llm.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker of one LLM backend. Closed: calls go through; {@code threshold} failures in
 * a row that say the service itself is in trouble (timeouts, 5xx, unreachable, rate limits) open
 * it. Open: calls fail at once — the chain moves to the fallback, or the customer gets the polite
 * answer — instead of each waiting for the service's timeout. After the cool-down one call is let
 * through (half-open): an answer closes the circuit, a failure opens it again for twice as long,
 * up to {@code maxCoolDown}. Thread-safe; the clock is the caller's.
 */
public final class Circuit {

  /** What callers and the panel see. */
  public enum State {
    CLOSED, OPEN, HALF_OPEN;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A snapshot: state, failures in a row, when it opened and when a call is let through again. */
  public record View(String backend, State state, int failuresInRow, long opened, Instant openedAt, Instant retryAt,
      String lastError) {}

  private final String backend;
  private final int threshold;
  private final Duration coolDown;
  private final Duration maxCoolDown;

  private State state = State.CLOSED;
  private int failuresInRow;
  private long opened;
  private Instant openedAt;
  private Instant retryAt;
  private Duration currentCoolDown;
  private boolean trialOut;
  private String lastError;

  public Circuit(String backend, int threshold, Duration coolDown, Duration maxCoolDown) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
    }
    this.backend = backend;
    this.threshold = threshold;
    this.coolDown = coolDown;
    this.maxCoolDown = maxCoolDown.compareTo(coolDown) < 0 ? coolDown : maxCoolDown;
    this.currentCoolDown = coolDown;
  }

  /**
   * Whether a call may go now. While open, the first caller after the cool-down gets the one trial
   * call (half-open); everyone else is refused until its outcome is known.
   */
  public synchronized boolean allow(Instant now) {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (now.isBefore(retryAt)) {
          return false;
        }
        state = State.HALF_OPEN;
        trialOut = true;
        return true;
      default: // HALF_OPEN
        if (!trialOut) {
          trialOut = true;
          return true;
        }
        // A trial that never reported back (its caller died) does not block the backend forever.
        if (!now.isBefore(retryAt.plus(coolDown))) {
          return true;
        }
        return false;
    }
  }

  /** The service answered (a refusal of the request itself counts as an answer too). */
  public synchronized void succeeded() {
    state = State.CLOSED;
    failuresInRow = 0;
    trialOut = false;
    currentCoolDown = coolDown;
    lastError = null;
  }

  /** A call that never reached the service (refused before sending): a trial may go again. */
  public synchronized void abandoned() {
    trialOut = false;
  }

  /** The service failed the call. @return whether this failure opened the circuit */
  public synchronized boolean failed(Instant now, String error) {
    failuresInRow++;
    lastError = error;
    trialOut = false;
    if (state == State.HALF_OPEN) {
      Duration doubled = currentCoolDown.multipliedBy(2);
      currentCoolDown = doubled.compareTo(maxCoolDown) > 0 ? maxCoolDown : doubled;
      open(now);
      return true;
    }
    if (state == State.CLOSED && failuresInRow >= threshold) {
      open(now);
      return true;
    }
    return false;
  }

  private void open(Instant now) {
    state = State.OPEN;
    opened++;
    openedAt = now;
    retryAt = now.plus(currentCoolDown);
  }

  public synchronized View view() {
    return new View(backend, state, failuresInRow, opened, openedAt, state == State.CLOSED ? null : retryAt, lastError);
  }

  /** Whether a failure of this kind says the service is in trouble (not the request or its key). */
  public static boolean countsAgainstService(ErrorKind kind) {
    return switch (kind) {
      case TIMEOUT, SERVER, UNREACHABLE, RATE_LIMIT, OTHER -> true;
      default -> false;
    };
  }
}
