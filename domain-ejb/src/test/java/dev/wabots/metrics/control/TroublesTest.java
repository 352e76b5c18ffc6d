package dev.wabots.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wabots.metrics.control.Troubles.Facts;
import dev.wabots.metrics.control.Troubles.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TroublesTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  static List<Kind> kinds(Facts f) {
    return Troubles.of(f, NOW, 5).stream().map(Troubles.Trouble::kind).toList();
  }

  @Test
  void aHealthyBotHasNone() {
    assertEquals(List.of(), kinds(new Facts("a", false, null, true, NOW.minusSeconds(3600), false, true, true, 0, null)));
  }

  @Test
  void eachReasonIsNamedWorstFirst() {
    Facts all = new Facts("a", true, "exit 137", true, NOW.minusSeconds(3600), true, false, false, 7, "timeout");
    assertEquals(List.of(Kind.CRASH_LOOP, Kind.TOKEN_REFUSED, Kind.AI_FAILING, Kind.NO_WEBHOOK), kinds(all));
    assertEquals("7 questions in a row without an answer (timeout)", Troubles.of(all, NOW, 5).get(2).detail());
  }

  @Test
  void aFewAiFailuresAreNoTroubleYet() {
    assertEquals(List.of(), kinds(new Facts("a", false, null, false, null, null, null, false, 4, "timeout")));
  }

  @Test
  void noWebhookOnlyForALiveBotRunningTenMinutesThatNeverHadACustomer() {
    assertEquals(List.of(Kind.NO_WEBHOOK), kinds(new Facts("a", false, null, true, NOW.minusSeconds(600), false, false, false, 0, null)));
    assertEquals(List.of(), kinds(new Facts("a", false, null, true, NOW.minusSeconds(599), false, false, false, 0, null)), "too early");
    assertEquals(List.of(), kinds(new Facts("a", false, null, false, NOW.minusSeconds(3600), false, false, false, 0, null)), "sandbox");
    assertEquals(List.of(), kinds(new Facts("a", false, null, true, NOW.minusSeconds(3600), false, false, true, 0, null)), "had customers");
    assertEquals(List.of(), kinds(new Facts("a", false, null, true, NOW.minusSeconds(3600), false, null, false, 0, null)), "no report yet");
  }
}
