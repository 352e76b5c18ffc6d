package dev.wabots.whatsapp;

import java.time.Instant;
import java.util.List;

/**
 * A delivery status of a message the bot sent. De-duplicate on {@code (id, rawStatus)}.
 *
 * @param id the wamid of the bot's message
 * @param status the typed status
 * @param rawStatus the status string as received
 * @param timestamp when it happened ({@link Instant#EPOCH} if omitted)
 * @param recipientId the {@code recipient_id} (a phone number or group id), may be empty
 * @param business the bot's number
 * @param errors the errors of a failed message, otherwise empty
 * @param rawJson the status object as received (compact JSON)
 */
public record StatusUpdate(
    MessageId id,
    DeliveryStatus status,
    String rawStatus,
    Instant timestamp,
    String recipientId,
    BusinessPhone business,
    List<WebhookError> errors,
    String rawJson)
    implements WebhookEvent {

  /** Copies the error list. */
  public StatusUpdate {
    errors = List.copyOf(errors);
  }
}
