package dev.wabots.whatsapp;

/**
 * One thing a webhook reports. A batch may mix messages, statuses and updates of other fields;
 * kinds this library does not model arrive as {@link OtherUpdate}, never as an exception.
 */
public sealed interface WebhookEvent
    permits InboundMessage, StatusUpdate, AccountErrors, OtherUpdate {}
