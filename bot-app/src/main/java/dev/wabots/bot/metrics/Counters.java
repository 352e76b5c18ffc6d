package dev.wabots.bot.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the bot sent to the Graph API since its process started: messages by type, errors by code. */
@ApplicationScoped
public class Counters {

  private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> graphErrors = new ConcurrentHashMap<>();

  /** A message of this type ({@code text}, {@code interactive}, {@code template} …) was accepted. */
  public void sent(String type) {
    sent.computeIfAbsent(type == null ? "unknown" : type, t -> new LongAdder()).increment();
  }

  /** The Graph API refused a call with this error code (0: no answer from Meta at all). */
  public void graphError(int code) {
    graphErrors.computeIfAbsent(Integer.toString(code), c -> new LongAdder()).increment();
  }

  public Map<String, Long> sent() {
    return snapshot(sent);
  }

  public Map<String, Long> graphErrors() {
    return snapshot(graphErrors);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> copy = new TreeMap<>();
    m.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
