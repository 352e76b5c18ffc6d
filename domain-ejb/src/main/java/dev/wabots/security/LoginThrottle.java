package dev.wabots.security;

import dev.wabots.platform.TooManyRequests;
import dev.wabots.users.control.UserRules;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing without letting anyone lock a person out:
 * <ul>
 *   <li>per user name <em>and</em> client address, after {@value #FREE_FAILURES} failures in a row
 *       each further attempt waits 1 s, 2 s, 4 s … (at most {@link #MAX_DELAY}) after the last
 *       failure; a success clears it;
 *   <li>per client address, at most {@code wabots.auth.login-limit-per-minute} (default {@value
 *       #LIMIT}) attempts a minute, whatever the name.
 * </ul>
 * Nothing is counted per user name alone, so a correct password from an address that did not fail
 * is never refused because of failures elsewhere. Names are keyed as the login looks them up
 * ({@link UserRules#normaliseName}: {@code " Ann"} is {@code ann}). Memory is bounded: keys without
 * recent attempts are dropped and the tables never grow past {@value #MAX_KEYS} keys each.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoginThrottle {

  private final java.util.concurrent.atomic.AtomicLong wrongPasswords = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();

  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int FREE_FAILURES = 3;
  static final Duration MAX_DELAY = Duration.ofMinutes(5);
  /** Failures older than this (and past their delay) are forgotten. */
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  static final int MAX_KEYS = 10_000;

  @jakarta.inject.Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "wabots.auth.login-limit-per-minute", defaultValue = "" + LIMIT)
  int limit = LIMIT;

  private final Map<String, Deque<Long>> byAddress = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Failures> byNameAndAddress = new LinkedHashMap<>(16, 0.75f, true);
  private Clock clock = Clock.systemUTC();

  /** Failures in a row of one name from one address. */
  private static final class Failures {
    int count;
    long last;
  }

  /**
   * Counts an attempt, or refuses it ({@link TooManyRequests} with the seconds to wait). Until
   * {@link #succeeded} says otherwise, the attempt counts as a failure: parallel guesses cannot
   * slip in while a password is being checked.
   */
  public synchronized void attempt(String username, String address) {
    long now = clock.millis();
    String addressKey = address == null ? "?" : address;
    String pairKey = pairKey(username, addressKey);
    Deque<Long> times = byAddress.computeIfAbsent(addressKey, k -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
      times.pollFirst();
    }
    long waitAddress = times.size() < limit ? 0 : times.peekFirst() + WINDOW.toMillis() - now;
    Failures failures = byNameAndAddress.get(pairKey);
    long waitPair = failures == null ? 0 : failures.last + delay(failures.count).toMillis() - now;
    long wait = Math.max(waitAddress, waitPair);
    if (wait > 0) {
      throttled.incrementAndGet();
      throw new TooManyRequests("too many login attempts; try again in " + seconds(wait) + " s", seconds(wait));
    }
    times.addLast(now);
    Failures f = byNameAndAddress.computeIfAbsent(pairKey, k -> new Failures());
    f.count++;
    f.last = now;
    evict(now);
  }

  /** The attempt's name or password was wrong (counted for /metrics; the delay counts on its own). */
  public void failed() {
    wrongPasswords.incrementAndGet();
  }

  /** Logins refused for a wrong name or password since the start. */
  public long wrongPasswords() {
    return wrongPasswords.get();
  }

  /** Logins refused without a check because of too many attempts, since the start. */
  public long throttled() {
    return throttled.get();
  }

  /** The attempt's password was right: that name and address start over. */
  public synchronized void succeeded(String username, String address) {
    byNameAndAddress.remove(pairKey(username, address == null ? "?" : address));
  }

  void useClock(Clock testClock) {
    this.clock = testClock;
  }

  /** How long after the last of {@code failures} failures in a row the next attempt must wait. */
  static Duration delay(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_FAILURES, 20);
    Duration d = Duration.ofSeconds(1L << doublings);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  private static String pairKey(String username, String addressKey) {
    String name = UserRules.normaliseName(username);
    return (name == null ? "" : name) + '\n' + addressKey;
  }

  private void evict(long now) {
    trim(byAddress);
    trim(byNameAndAddress);
    byAddress.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - WINDOW.toMillis());
    byNameAndAddress.values().removeIf(f -> f.last + Math.max(FORGET_AFTER.toMillis(), delay(f.count).toMillis()) <= now);
  }

  private static void trim(Map<String, ?> map) {
    Iterator<String> it = map.keySet().iterator();
    while (it.hasNext() && map.size() > MAX_KEYS) {
      it.next();
      it.remove();
    }
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
