package dev.wabots.bot.inbox;

import dev.wabots.funnel.DraftRequest;
import dev.wabots.whatsapp.MessageRequest;

/**
 * One planned step of the answer to a message. A plan is committed with the funnel step and worked
 * through in order; {@link AskAi}, {@link Draft} and {@link VoiceNote} are resolved into {@link Send}s just before
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

  /**
   * The requirements document for the customer's answers: the AI drafts it just before it is due;
   * replaced by the PDF, the summary and the result screen — or, when the AI is unavailable, by the
   * screen saying a person will send it.
   */
  record Draft(DraftRequest request) implements Reply {}

  /** A voice note of an AI answer; replaced by the uploaded audio message, or by nothing. */
  record VoiceNote(String text) implements Reply {}
}
