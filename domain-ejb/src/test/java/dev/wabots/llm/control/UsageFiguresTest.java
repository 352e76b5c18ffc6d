package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wabots.llm.entity.LlmCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageFiguresTest {

  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void sumsPerBotAndBackendWithLatencyOfAnsweredCallsOnly() {
    List<LlmCall> calls = new ArrayList<>();
    for (long ms = 1; ms <= 20; ms++) {
      calls.add(LlmCall.answered(NOW, "shop", "vllm", "qwen", 10, 2, ms * 10));
    }
    calls.add(LlmCall.failed(NOW, "shop", "vllm", "qwen", "timeout", null, 60_000));
    calls.add(LlmCall.failed(NOW, "shop", "cloud:openai", "gpt", "rate_limit", 429, 3));
    calls.add(LlmCall.answered(NOW, null, "cloud:openai", "gpt", null, null, 500));
    List<UsageFigures.Line> lines = UsageFigures.aggregate(calls);
    assertEquals(3, lines.size());
    UsageFigures.Line openAi = lines.get(0);
    assertEquals("shop", openAi.instanceId());
    assertEquals("cloud:openai", openAi.backend());
    assertEquals(1, openAi.calls());
    assertEquals(Map.of("rate_limit", 1L), openAi.errorKinds());
    assertNull(openAi.latencyMs().p50(), "no answered call, no latency");
    UsageFigures.Line vllm = lines.get(1);
    assertEquals(21, vllm.calls());
    assertEquals(1, vllm.errors());
    assertEquals(200, vllm.promptTokens());
    assertEquals(40, vllm.completionTokens());
    assertEquals(100, vllm.latencyMs().p50());
    assertEquals(190, vllm.latencyMs().p95());
    assertEquals(105, vllm.latencyMs().avg());
    assertNull(lines.get(2).instanceId(), "provider tests come last");
  }

  @Test
  void nearestRankPercentiles() {
    assertEquals(7, UsageFigures.percentile(List.of(7L), 95));
    assertEquals(2, UsageFigures.percentile(List.of(1L, 2L, 3L, 4L), 50));
    assertEquals(4, UsageFigures.percentile(List.of(1L, 2L, 3L, 4L), 95));
  }
}
