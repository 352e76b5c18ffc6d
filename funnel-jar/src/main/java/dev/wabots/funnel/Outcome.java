package dev.wabots.funnel;

import dev.wabots.whatsapp.OutboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one engine step decided: the messages to send (in order), the user's new state, the events
 * to log, and — for free text the funnel does not handle — the text to hand to the AI.
 */
public record Outcome(
    List<OutboundMessage> messages, UserState state, List<FunnelEvent> events, Optional<String> aiText) {

  /** Copies the lists. */
  public Outcome {
    messages = List.copyOf(messages);
    Objects.requireNonNull(state, "state");
    events = List.copyOf(events);
    Objects.requireNonNull(aiText, "aiText");
  }

  /** Whether the bot should ask the AI (with {@link #aiText()}) instead of the funnel answering. */
  public boolean needsAi() {
    return aiText.isPresent();
  }
}
