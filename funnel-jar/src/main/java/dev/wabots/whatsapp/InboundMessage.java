package dev.wabots.whatsapp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message a user sent to the bot.
 *
 * @param id the wamid (de-duplicate on it: Meta delivers at least once)
 * @param from the sender
 * @param timestamp when the user sent it ({@link Instant#EPOCH} if Meta omitted it)
 * @param business the bot's number it was sent to
 * @param profileName the sender's WhatsApp profile name, if the webhook carried it
 * @param userId the sender's {@code contacts[].user_id}, carried by newer payloads
 * @param replyTo the message this one quotes or answers ({@code context.id}), if any
 * @param content the typed content
 * @param rawJson the message object exactly as received (compact JSON), for the inbox
 */
public record InboundMessage(
    MessageId id,
    PhoneNumber from,
    Instant timestamp,
    BusinessPhone business,
    Optional<String> profileName,
    Optional<String> userId,
    Optional<MessageId> replyTo,
    MessageContent content,
    String rawJson)
    implements WebhookEvent {

  /** @throws NullPointerException if a component is missing */
  public InboundMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(business, "business");
    Objects.requireNonNull(profileName, "profileName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(rawJson, "rawJson");
  }
}
