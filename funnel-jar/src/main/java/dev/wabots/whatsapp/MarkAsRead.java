package dev.wabots.whatsapp;

import java.util.Objects;

/**
 * Marks an inbound message as read (blue ticks); with {@code typingIndicator} WhatsApp also shows
 * "typing…" until the bot replies or 25 seconds pass.
 */
public record MarkAsRead(MessageId messageId, boolean typingIndicator) implements CloudApiRequest {
  /** @throws NullPointerException if the message id is missing */
  public MarkAsRead {
    Objects.requireNonNull(messageId, "messageId");
  }
}
