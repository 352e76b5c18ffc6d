package dev.wabots.funnel;

import dev.wabots.whatsapp.MessageRequest;
import java.util.List;
import java.util.Optional;

/**
 * What the bot does after a funnel step: send {@code messages} (addressed, in order) and, when
 * {@link #needsAi()}, ask the AI with {@code aiText} and append {@link Funnel#menu} afterwards.
 *
 * @param messages the messages to send, {@code to} filled
 * @param aiText the user's text for the AI, when the funnel does not handle it
 * @param events what was logged
 * @param state the customer's state after the step (stage, segment, answers)
 */
public record FunnelReply(
    List<MessageRequest> messages, Optional<String> aiText, List<FunnelEvent> events, UserState state) {
  /** Copies the lists. */
  public FunnelReply {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }

  /** Whether the text should go to the AI. */
  public boolean needsAi() {
    return aiText.isPresent();
  }
}
