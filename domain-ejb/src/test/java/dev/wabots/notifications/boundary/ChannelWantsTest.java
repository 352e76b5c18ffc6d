package dev.wabots.notifications.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelWantsTest {

  final ChannelWants wants = new ChannelWants();
  final AtomicInteger reads = new AtomicInteger();

  Set<String> read(Set<String> stored) {
    reads.incrementAndGet();
    return stored;
  }

  @Test
  void aBotsWantsAreReadOnceAndAgainAfterItsChannelsChange() {
    assertEquals(Set.of(), wants.wanted("a", bot -> read(Set.of())));
    assertEquals(Set.of(), wants.wanted("a", bot -> read(Set.of("new_lead"))));
    assertEquals(1, reads.get(), "kept after the first read");
    wants.forget("a");
    assertEquals(Set.of("new_lead"), wants.wanted("a", bot -> read(Set.of("new_lead"))));
    assertEquals(Set.of("new_lead"), wants.wanted("a", bot -> read(Set.of())));
    assertEquals(2, reads.get());
  }

  @Test
  void aChangeOfOneBotLeavesTheOthersKept() {
    wants.wanted("a", bot -> read(Set.of("paid")));
    wants.wanted("b", bot -> read(Set.of("checkout")));
    wants.forget("a");
    assertEquals(Set.of("checkout"), wants.wanted("b", bot -> read(Set.of())));
    assertEquals(2, reads.get());
  }

  @Test
  void aReadThatRacedWithAChangeIsUsedOnceButNotKept() {
    // The change commits while the read is under way: what it read may be from before the change.
    Set<String> raced = wants.wanted("a", bot -> {
      wants.forget("a");
      return read(Set.of("new_lead"));
    });
    assertEquals(Set.of("new_lead"), raced);
    assertEquals(Set.of("paid"), wants.wanted("a", bot -> read(Set.of("paid"))), "read again, not the raced value");
    assertEquals(Set.of("paid"), wants.wanted("a", bot -> read(Set.of())));
    assertEquals(2, reads.get());
  }
}
