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
    lag.turn(10, 3);
    lag.turn(30, 1);
    lag.turn(20, 2);
    DeliveryLag.Figures f = lag.figures();
    assertEquals(new DeliveryLag.Figures(100, 2, 50, 90, 99, 100, 20, 30, 2, 3), f);
    assertEquals(java.util.Map.of("bot-0", 100L, "bot-1", 99L), lag.lastByBot());
    lag.reset();
    assertEquals(new DeliveryLag.Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), lag.figures());
    lag.record(7);
    assertEquals(new DeliveryLag.Figures(1, 0, 7, 7, 7, 7, 0, 0, 0, 0), lag.figures(), "no delivery stored since");
  }
}
