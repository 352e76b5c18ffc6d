package dev.wabots.bot.inbox;

import dev.wabots.whatsapp.MessageRequest;

/**
 * One planned step of the answer to a message. A plan is committed with the funnel step and worked
 * through in order; {@link AskAi} and {@link VoiceNote} are resolved into {@link Send}s just before
 * they are due (the plan is stored again then), so a crash repeats no model call already answered.
 */
public sealed interface Reply {

  /** A Cloud API message request, ready to send. */
  record Send(String type, String request) implements Reply {
    public static Send of(MessageRequest request) {
      return new Send(request.message().type(), request.toJson());
    }
  }

  /**
   * Free text for the bot's AI, with the customer's photo when {@code image} names a kept file (the
   * message's wamid); the answer (or a notice) and the menu replace this step.
   */
  record AskAi(String text, String image) implements Reply {
    public AskAi(String text) {
      this(text, null);
    }
  }

  /** A voice note of an AI answer; replaced by the uploaded audio message, or by nothing. */
  record VoiceNote(String text) implements Reply {}
}
