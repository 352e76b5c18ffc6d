package dev.wabots.bot.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

  @Test
  void aSilentOrRefusingOrchestratorIsTriedLessAndLessOften() {
    Duration d = EventPublisher.FIRST_BACKOFF;
    d = EventPublisher.next(d, false);
    assertEquals(Duration.ofSeconds(2), d);
    for (int i = 0; i < 10; i++) {
      d = EventPublisher.next(d, false);
    }
    assertEquals(EventPublisher.MAX_BACKOFF, d);
  }

  @Test
  void aBusyAnswerDoesNotGrowThePause() {
    Duration d = Duration.ofSeconds(4);
    assertEquals(d, EventPublisher.next(d, true));
    assertEquals(EventPublisher.FIRST_BACKOFF, EventPublisher.next(EventPublisher.FIRST_BACKOFF, true));
  }

  @Test
  void aPartialBatchIsFollowedAfterTheSpacingAFullOneAtOnce() {
    long spacing = EventPublisher.SPACING.toNanos();
    assertEquals(spacing, EventPublisher.spacingLeft(0, false));
    assertEquals(spacing - 20_000_000L, EventPublisher.spacingLeft(20_000_000L, false));
    assertEquals(0, EventPublisher.spacingLeft(spacing + 1, false), "an idle bot delivers at once");
    assertEquals(0, EventPublisher.spacingLeft(0, true), "a backlog goes back to back");
  }
}
