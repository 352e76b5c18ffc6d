package dev.wabots.whatsapp;

/**
 * Part of a valid webhook this library does not model: another {@code field} (group updates,
 * account updates…) or an entry it could not read. Kept, with its raw JSON, instead of failing the
 * batch.
 *
 * @param accountId the {@code entry[].id} (WhatsApp Business Account id), may be empty
 * @param field the change's {@code field}, may be empty
 * @param reason why it is not a typed event
 * @param rawJson the part as received (compact JSON)
 */
public record OtherUpdate(String accountId, String field, String reason, String rawJson)
    implements WebhookEvent {}
