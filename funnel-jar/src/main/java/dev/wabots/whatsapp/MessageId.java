package dev.wabots.whatsapp;

/** A WhatsApp message id ("wamid"), the key for de-duplicating webhook deliveries. */
public record MessageId(String value) {
  /** @throws IllegalArgumentException if blank */
  public MessageId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("message id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
