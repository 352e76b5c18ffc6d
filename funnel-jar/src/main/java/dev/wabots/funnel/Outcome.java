package dev.wabots.funnel;

import dev.wabots.whatsapp.OutboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one engine step decided: the messages to send (in order), the user's new state, the events
 * to log, for free text the funnel does not handle the text to hand to the AI, and when the
 * requirements questionnaire is complete the request to have the AI draft the document.
 */
public record Outcome(
    List<OutboundMessage> messages,
    UserState state,
    List<FunnelEvent> events,
    Optional<String> aiText,
    Optional<DraftRequest> draft) {

  /** Copies the lists. */
  public Outcome {
    messages = List.copyOf(messages);
    Objects.requireNonNull(state, "state");
    events = List.copyOf(events);
    Objects.requireNonNull(aiText, "aiText");
    Objects.requireNonNull(draft, "draft");
  }

  /** An outcome that asks for no draft. */
  public Outcome(List<OutboundMessage> messages, UserState state, List<FunnelEvent> events, Optional<String> aiText) {
    this(messages, state, events, aiText, Optional.empty());
  }

  /** Whether the bot should ask the AI (with {@link #aiText()}) instead of the funnel answering. */
  public boolean needsAi() {
    return aiText.isPresent();
  }
}
