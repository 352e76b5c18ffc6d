package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.BotAi;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BotAiCacheTest {

  private final AtomicLong now = new AtomicLong(5_000);
  private final AtomicLong generation = new AtomicLong();
  private final Map<String, BotAi> rows = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final BotAiCache cache = new BotAiCache(now::get, generation::get);

  private Optional<BotAi> get(String id) {
    return cache.get(id, key -> {
      reads.incrementAndGet();
      return Optional.ofNullable(rows.get(key));
    });
  }

  private static BotAi ai(String prompt) {
    return new BotAi("b1", 1L, "vllm", null, prompt, null, "ru");
  }

  @Test
  void keptWhileNothingChangedAndForASecondAtMost() {
    rows.put("b1", ai("one"));
    assertEquals("one", get("b1").orElseThrow().systemPrompt());
    rows.put("b1", ai("two")); // written by another process: the generation does not move
    now.addAndGet(BotAiCache.FRESH_MS - 1);
    assertEquals("one", get("b1").orElseThrow().systemPrompt());
    assertEquals(1, reads.get());
    now.addAndGet(1);
    assertEquals("two", get("b1").orElseThrow().systemPrompt());
    assertEquals(2, reads.get());
  }

  @Test
  void aWriteInThisProcessIsSeenByTheNextCall() {
    rows.put("b1", ai("one"));
    get("b1");
    rows.put("b1", ai("two"));
    generation.incrementAndGet();
    assertEquals("two", get("b1").orElseThrow().systemPrompt());
    assertEquals("two", get("b1").orElseThrow().systemPrompt());
    assertEquals(2, reads.get());
  }

  @Test
  void aMissingBotIsNeverKept() {
    assertTrue(get("gone").isEmpty());
    rows.put("gone", ai("back"));
    assertEquals("back", get("gone").orElseThrow().systemPrompt());
    rows.put("b1", ai("one"));
    get("b1");
    rows.remove("b1");
    generation.incrementAndGet();
    assertTrue(get("b1").isEmpty());
    assertEquals(4, reads.get());
  }
}
