package dev.wabots.funnel;

import dev.wabots.whatsapp.MessageRequest;
import java.util.List;
import java.util.Optional;

/**
 * What the bot does after a funnel step: send {@code messages} (addressed, in order); when {@link
 * #needsAi()}, ask the AI with {@code aiText} and append {@link Funnel#menu} afterwards; when
 * {@code draft} is present, have the AI draft the requirements document (see {@link
 * DraftRequest}).
 *
 * @param messages the messages to send, {@code to} filled
 * @param aiText the user's text for the AI, when the funnel does not handle it
 * @param events what was logged
 * @param draft the request to draft a requirements document, when the questionnaire is complete
 * @param state the customer's state after the step (stage, segment, answers)
 */
public record FunnelReply(List<MessageRequest> messages, Optional<String> aiText, List<FunnelEvent> events,
    Optional<DraftRequest> draft, UserState state) {
  /** Copies the lists. */
  public FunnelReply {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
    java.util.Objects.requireNonNull(draft, "draft");
  }

  /** A reply that asks for no draft, of a step whose resulting state is not known ({@code state} null). */
  public FunnelReply(List<MessageRequest> messages, Optional<String> aiText, List<FunnelEvent> events) {
    this(messages, aiText, events, Optional.empty(), null);
  }

  /** Whether the text should go to the AI. */
  public boolean needsAi() {
    return aiText.isPresent();
  }
}
