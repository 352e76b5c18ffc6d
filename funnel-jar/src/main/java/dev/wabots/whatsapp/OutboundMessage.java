package dev.wabots.whatsapp;

/**
 * The content of a message the bot sends, without its recipient. Every implementation checks the
 * Cloud API limits in its constructor. Address it with {@link MessageRequest} to serialise it.
 */
public sealed interface OutboundMessage
    permits TextMessage, ReplyButtonsMessage, ListMessage, AudioMessage, DocumentMessage, TemplateMessage {

  /** The Cloud API {@code type} of this message. */
  String type();

  /** Addresses this message to {@code to}. */
  default MessageRequest to(PhoneNumber to) {
    return new MessageRequest(to, this);
  }
}
