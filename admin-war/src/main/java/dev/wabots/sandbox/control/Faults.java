package dev.wabots.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures to inject into the next sends of a bot, for tests and demos: the Graph stand-in answers
 * them like Meta would. 131047 is asynchronous at Meta (the send is accepted, a {@code failed}
 * status follows); the others are synchronous errors.
 */
@ApplicationScoped
public class Faults {

  /** The codes the sandbox can play, with the HTTP status Meta uses for them. */
  public static final Map<Integer, Integer> SUPPORTED = Map.of(
      130429, 429, 131056, 429, 4, 429, 80007, 429,
      131000, 500, 131016, 503, 500, 500,
      190, 401, 131047, 200, 131026, 400);

  private final Map<String, Deque<Integer>> pending = new ConcurrentHashMap<>();

  public void add(String instanceId, int code, int count) {
    Deque<Integer> queue = pending.computeIfAbsent(instanceId, k -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < count; i++) {
        queue.addLast(code);
      }
    }
  }

  /** The fault to play for this send, if any is queued. */
  public Optional<Integer> next(String instanceId) {
    Deque<Integer> queue = pending.get(instanceId);
    if (queue == null) {
      return Optional.empty();
    }
    synchronized (queue) {
      return Optional.ofNullable(queue.pollFirst());
    }
  }

  public int queued(String instanceId) {
    Deque<Integer> queue = pending.get(instanceId);
    return queue == null ? 0 : queue.size();
  }

  public void clear(String instanceId) {
    pending.remove(instanceId);
  }

  /** The queue of a bot's media calls (URL look-up and download), apart from its sends. */
  public static String media(String instanceId) {
    return instanceId + "#media";
  }

  public static Set<Integer> codes() {
    return SUPPORTED.keySet();
  }
}
