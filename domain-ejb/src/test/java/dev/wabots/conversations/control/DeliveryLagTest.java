package dev.wabots.conversations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeliveryLagTest {

  @Test
  void countsEventsAndTheDeliveriesThatBroughtThemUntilReset() {
    DeliveryLag lag = new DeliveryLag();
    lag.batch();
    for (int ms = 1; ms <= 100; ms++) {
      lag.record("bot-" + (ms % 2), ms);
    }
    lag.batch();
    DeliveryLag.Figures f = lag.figures();
    assertEquals(new DeliveryLag.Figures(100, 2, 50, 90, 99, 100), f);
    assertEquals(java.util.Map.of("bot-0", 100L, "bot-1", 99L), lag.lastByBot());
    lag.reset();
    assertEquals(new DeliveryLag.Figures(0, 0, 0, 0, 0, 0), lag.figures());
  }
}
