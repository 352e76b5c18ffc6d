package dev.wabots.llm.control;

import dev.wabots.instances.entity.InstanceWrites;
import dev.wabots.llm.entity.BotAi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Bots' AI settings as the chat path reads them, kept between the calls of a busy bot: reading them
 * was a tenth of the orchestrator's CPU with bots answering hundreds of messages a second
 * (BENCHMARKS.md, processing under load). A kept copy is used only while no bot was written in this
 * process since it was read ({@link InstanceWrites}: the panel's and the API's changes apply to
 * the next message) and for at most {@link #FRESH_MS} (a change by another process, such as the
 * command line, applies within that).
 */
@ApplicationScoped
public class BotAiCache {

  static final long FRESH_MS = 1_000;
  static final int MAX_ENTRIES = 10_000;

  private record Kept(BotAi ai, long generation, long readAt) {}

  private final Map<String, Kept> kept = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final LongSupplier generation;

  public BotAiCache() {
    this(() -> System.nanoTime() / 1_000_000, InstanceWrites::generation);
  }

  BotAiCache(LongSupplier clockMs, LongSupplier generation) {
    this.clock = clockMs;
    this.generation = generation;
  }

  /** The bot's settings: kept, or read with {@code read} (empty when there is no such bot, never kept). */
  public Optional<BotAi> get(String instanceId, Function<String, Optional<BotAi>> read) {
    long now = clock.getAsLong();
    long gen = generation.getAsLong();
    Kept k = kept.get(instanceId);
    if (k != null && k.generation() == gen && now - k.readAt() < FRESH_MS) {
      return Optional.of(k.ai());
    }
    Optional<BotAi> fresh = read.apply(instanceId);
    if (fresh.isPresent()) {
      if (kept.size() >= MAX_ENTRIES) {
        kept.clear();
      }
      kept.put(instanceId, new Kept(fresh.get(), gen, now));
    } else {
      kept.remove(instanceId);
    }
    return fresh;
  }
}
