package dev.wabots.bot.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void holdsAUserToThePairRateWithoutHoldingOthers() throws Exception {
    Pacer pacer = new Pacer(1000, 2, 10); // burst 2, then 10 per second per user
    long t0 = System.nanoTime();
    pacer.acquire("a");
    pacer.acquire("a");
    pacer.acquire("b");
    pacer.acquire("b");
    long burst = System.nanoTime() - t0;
    assertTrue(burst < 50_000_000, "bursts pass at once: " + burst);
    long t1 = System.nanoTime();
    pacer.acquire("a");
    long waited = System.nanoTime() - t1;
    assertTrue(waited >= 60_000_000, "the third message to one user waits for a token: " + waited);
  }

  @Test
  void capsTheNumbersThroughput() throws Exception {
    Pacer pacer = new Pacer(20, 1000, 1000);
    long t0 = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      pacer.acquire("user" + i);
    }
    long took = System.nanoTime() - t0;
    assertTrue(took >= 800_000_000, "40 messages at 20/s after a burst of 20 take about a second: " + took);
  }
}
