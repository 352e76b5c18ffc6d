package dev.wabots.whatsapp;

import java.util.Objects;

/**
 * A message addressed to one user: serialises with {@code messaging_product}, {@code
 * recipient_type: individual}, {@code to} and {@code type}.
 */
public record MessageRequest(PhoneNumber to, OutboundMessage message) implements CloudApiRequest {
  /** @throws NullPointerException if either part is missing */
  public MessageRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
  }
}
