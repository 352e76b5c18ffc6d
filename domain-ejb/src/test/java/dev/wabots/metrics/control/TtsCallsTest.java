package dev.wabots.metrics.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtsCallsTest {

  @Test
  void voiceNotesAreTimedPerBotAndEngineInCumulativeBucketsWithFailuresByKind() {
    TtsCalls calls = new TtsCalls();
    calls.record("shop", "espeak", 300, null); // 0.3 s: from the 0.5 s bucket on
    calls.record("shop", "espeak", 4_000, "failed");
    calls.record("shop", "espeak", 90_000, "busy"); // beyond the last bound: +Inf only
    calls.record("shop", "xtts", 1_000, null);
    calls.record("cafe", "espeak", 0, "unavailable");

    Map<CallHistograms.Key, CallHistograms.Snapshot> all = calls.snapshot();
    assertEquals(List.of(new CallHistograms.Key("cafe", "espeak"), new CallHistograms.Key("shop", "espeak"),
        new CallHistograms.Key("shop", "xtts")), List.copyOf(all.keySet()), "ordered by bot, then engine");
    CallHistograms.Snapshot shop = all.get(new CallHistograms.Key("shop", "espeak"));
    assertEquals(3, shop.count());
    assertEquals(94.3, shop.sum(), 1e-9);
    // bounds 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    assertArrayEquals(new long[] {0, 1, 1, 1, 2, 2, 2, 2}, shop.buckets());
    assertEquals(Map.of("failed", 1L, "busy", 1L), shop.errors());
    assertArrayEquals(new long[] {0, 0, 1, 1, 1, 1, 1, 1}, all.get(new CallHistograms.Key("shop", "xtts")).buckets());
    assertEquals(Map.of("unavailable", 1L), all.get(new CallHistograms.Key("cafe", "espeak")).errors());
  }

  @Test
  void aPersonListeningInThePanelIsNoBotsVoiceNote() {
    TtsCalls calls = new TtsCalls();
    calls.record(null, "espeak", 500, null);
    assertEquals(Map.of(), calls.snapshot());
  }

  @Test
  void aSnapshotDoesNotChangeWithLaterCalls() {
    TtsCalls calls = new TtsCalls();
    calls.record("shop", "espeak", 100, null);
    CallHistograms.Snapshot before = calls.snapshot().get(new CallHistograms.Key("shop", "espeak"));
    calls.record("shop", "espeak", 100, "failed");
    assertEquals(1, before.count());
    assertEquals(1, before.buckets()[0]);
    assertEquals(Map.of(), before.errors());
  }
}
