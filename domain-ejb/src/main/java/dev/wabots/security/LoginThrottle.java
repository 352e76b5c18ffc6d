package dev.wabots.security;

import dev.wabots.platform.TooManyRequests;
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
 * At most {@code wabots.auth.login-limit-per-minute} (default {@value #LIMIT}) login attempts a
 * minute per user name and per client address. Memory is
 * bounded: keys without recent attempts are dropped, and the table never grows past {@value
 * #MAX_KEYS} keys (the oldest go first).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoginThrottle {

  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int MAX_KEYS = 10_000;

  @jakarta.inject.Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "wabots.auth.login-limit-per-minute", defaultValue = "" + LIMIT)
  int limit = LIMIT;

  private final Map<String, Deque<Long>> attempts = new LinkedHashMap<>(16, 0.75f, true);
  private Clock clock = Clock.systemUTC();

  /** Counts one attempt for both keys, or refuses it when either is over the limit. */
  public synchronized void attempt(String username, String address) {
    long now = clock.millis();
    String userKey = "user:" + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT));
    String addressKey = "addr:" + (address == null ? "?" : address);
    long waitUser = waitMillis(userKey, now);
    long waitAddress = waitMillis(addressKey, now);
    long wait = Math.max(waitUser, waitAddress);
    if (wait > 0) {
      throw new TooManyRequests(
          "too many login attempts; try again in " + seconds(wait) + " s", seconds(wait));
    }
    record(userKey, now);
    record(addressKey, now);
    evict(now);
  }

  void useClock(Clock testClock) {
    this.clock = testClock;
  }

  private long waitMillis(String key, long now) {
    Deque<Long> times = attempts.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
      times.pollFirst();
    }
    return times.size() < limit ? 0 : times.peekFirst() + WINDOW.toMillis() - now;
  }

  private void record(String key, long now) {
    attempts.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, Deque<Long>>> it = attempts.entrySet().iterator();
    while (it.hasNext() && attempts.size() > MAX_KEYS) {
      it.next();
      it.remove();
    }
    attempts.values().removeIf(d -> !d.isEmpty() && d.peekLast() <= now - WINDOW.toMillis());
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
