package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.llm.entity.ProviderType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitTest {

  /** A clock the test moves by hand. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final HandClock clock = new HandClock();
  final Prompt prompt = new Prompt("system", List.of(new ChatMessage(ChatMessage.USER, "hi")), LlmParams.DEFAULTS);
  final Target vllm = new Target("vllm", ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000", "m", null);

  /** A router whose vLLM answers or fails as {@code next} says, counting the calls that reach it. */
  Router router(AtomicReference<ErrorKind> next, AtomicInteger calls) {
    Router router = new Router();
    router.circuits = new Circuits(3, Duration.ofSeconds(30), Duration.ofSeconds(100), clock);
    router.openAi = new OpenAiCompatible() {
      @Override
      public Completion complete(Target target, Prompt prompt) {
        calls.incrementAndGet();
        if (next.get() != null) {
          throw new UpstreamFailure(next.get(), null, "down");
        }
        return new Completion("hello", "m", 1, 1);
      }
    };
    return router;
  }

  @Test
  void afterRepeatedFailuresCallsFailAtOnceWithoutReachingTheService() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.TIMEOUT);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 3; i++) {
      assertEquals(ErrorKind.TIMEOUT, router.attempt(Route.to(vllm), prompt).failure().kind());
    }
    Attempt fast = router.attempt(Route.to(vllm), prompt);
    assertEquals(ErrorKind.CIRCUIT_OPEN, fast.failure().kind());
    assertEquals(0, fast.latencyMs());
    assertEquals(3, calls.get(), "the fourth call never reached the service");
    Circuit.View v = router.circuits.view("vllm");
    assertEquals(Circuit.State.OPEN, v.state());
    assertEquals(clock.now.plusSeconds(30), v.retryAt());
    assertEquals("timeout", v.lastError());
  }

  @Test
  void afterTheCoolDownOneTrialGoesThroughAndAnAnswerClosesTheCircuit() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.SERVER);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 3; i++) {
      router.attempt(Route.to(vllm), prompt);
    }
    clock.advance(Duration.ofSeconds(29));
    assertEquals(ErrorKind.CIRCUIT_OPEN, router.attempt(Route.to(vllm), prompt).failure().kind());
    clock.advance(Duration.ofSeconds(1));
    next.set(null);
    assertTrue(router.attempt(Route.to(vllm), prompt).ok(), "the half-open trial");
    assertEquals(4, calls.get());
    assertEquals(Circuit.State.CLOSED, router.circuits.view("vllm").state());
    assertEquals(0, router.circuits.view("vllm").failuresInRow());
    assertTrue(router.attempt(Route.to(vllm), prompt).ok());
  }

  @Test
  void aFailedTrialOpensTheCircuitAgainForTwiceAsLongUpToTheLongestCoolDown() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.UNREACHABLE);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 3; i++) {
      router.attempt(Route.to(vllm), prompt);
    }
    clock.advance(Duration.ofSeconds(30));
    assertEquals(ErrorKind.UNREACHABLE, router.attempt(Route.to(vllm), prompt).failure().kind(), "trial");
    assertEquals(clock.now.plusSeconds(60), router.circuits.view("vllm").retryAt());
    clock.advance(Duration.ofSeconds(60));
    router.attempt(Route.to(vllm), prompt);
    assertEquals(clock.now.plusSeconds(100), router.circuits.view("vllm").retryAt(), "capped at the longest cool-down");
    assertEquals(3, router.circuits.view("vllm").opened(), "opened after three failures, then after each failed trial");
  }

  @Test
  void whileHalfOpenOnlyOneCallIsLetThrough() {
    Circuit c = new Circuit("vllm", 1, Duration.ofSeconds(10), Duration.ofSeconds(10));
    c.failed(clock.now, "timeout");
    clock.advance(Duration.ofSeconds(10));
    assertTrue(c.allow(clock.now));
    assertEquals(Circuit.State.HALF_OPEN, c.view().state());
    assertFalse(c.allow(clock.now), "a second caller waits for the trial's outcome");
    clock.advance(Duration.ofSeconds(10));
    assertTrue(c.allow(clock.now), "a trial that never reports back does not block the backend forever");
  }

  @Test
  void refusalsOfTheRequestOrItsKeyDoNotOpenTheCircuit() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.AUTH);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 5; i++) {
      assertEquals(ErrorKind.AUTH, router.attempt(Route.to(vllm), prompt).failure().kind());
    }
    next.set(ErrorKind.BAD_REQUEST);
    assertEquals(ErrorKind.BAD_REQUEST, router.attempt(Route.to(vllm), prompt).failure().kind());
    assertEquals(6, calls.get());
    assertEquals(Circuit.State.CLOSED, router.circuits.view("vllm").state());
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.TIMEOUT);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    router.attempt(Route.to(vllm), prompt);
    router.attempt(Route.to(vllm), prompt);
    next.set(null);
    router.attempt(Route.to(vllm), prompt);
    next.set(ErrorKind.TIMEOUT);
    router.attempt(Route.to(vllm), prompt);
    router.attempt(Route.to(vllm), prompt);
    assertEquals(ErrorKind.TIMEOUT, router.attempt(Route.to(vllm), prompt).failure().kind());
    assertEquals(6, calls.get());
  }

  @Test
  void eachBackendHasItsOwnCircuitSoTheFallbackStillAnswers() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.TIMEOUT);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 3; i++) {
      router.attempt(Route.to(vllm), prompt);
    }
    AtomicInteger fallbackCalls = new AtomicInteger();
    router.anthropic = new Anthropic() {
      @Override
      public Completion complete(Target target, Prompt prompt) {
        fallbackCalls.incrementAndGet();
        return new Completion("from the fallback", "claude", 1, 1);
      }
    };
    Target fallback = new Target("cloud:claude", ProviderType.ANTHROPIC, "https://api.anthropic.com", "claude", "k");
    assertEquals(ErrorKind.CIRCUIT_OPEN, router.attempt(Route.to(vllm), prompt).failure().kind());
    assertTrue(router.attempt(Route.to(fallback), prompt).ok());
    assertEquals(1, fallbackCalls.get());
    assertEquals(List.of("cloud:claude", "vllm"), router.circuits.views().stream().map(Circuit.View::backend).toList());
  }

  @Test
  void aPersonsTestCallsTheServiceEvenWhileTheCircuitIsOpenAndItsAnswerClosesIt() {
    AtomicReference<ErrorKind> next = new AtomicReference<>(ErrorKind.TIMEOUT);
    AtomicInteger calls = new AtomicInteger();
    Router router = router(next, calls);
    for (int i = 0; i < 3; i++) {
      router.attempt(Route.to(vllm), prompt);
    }
    next.set(null);
    assertTrue(router.tryOut(Route.to(vllm), prompt).ok());
    assertEquals(4, calls.get());
    assertEquals(Circuit.State.CLOSED, router.circuits.view("vllm").state());
  }

  @Test
  void aNeverCalledBackendIsClosed() {
    Circuits circuits = new Circuits(3, Duration.ofSeconds(30), Duration.ofSeconds(100), clock);
    Circuit.View v = circuits.view("gemini");
    assertEquals(Circuit.State.CLOSED, v.state());
    assertNull(v.retryAt());
  }
}
