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

  @Test
  void usersWhoseBucketFilledUpAgainAreForgottenAndOthersKept() throws Exception {
    // Burst 2 refilled at 1 000/s: a user written to once is full again within a few ms.
    Pacer pacer = new Pacer(100_000, 2, 1000, java.time.Duration.ZERO);
    for (int i = 0; i < 2000; i++) {
      pacer.acquire("idle" + i);
    }
    Thread.sleep(20);
    Pacer slow = new Pacer(100_000, 2, 0.001, java.time.Duration.ZERO); // refills once in 1 000 s
    slow.acquire("busy");
    slow.acquire("other");
    pacer.acquire("last");
    assertTrue(pacer.users() <= 2, "full buckets dropped: " + pacer.users());
    org.junit.jupiter.api.Assertions.assertEquals(2, slow.users(), "buckets still refilling are kept");
    Pacer perMinute = new Pacer(100_000, 2, 1000); // the default: at most once a minute
    for (int i = 0; i < 100; i++) {
      perMinute.acquire("u" + i);
    }
    org.junit.jupiter.api.Assertions.assertEquals(100, perMinute.users(), "no sweep before a minute");
  }
}
