package dev.wabots.whatsapp;

/**
 * The bot's own WhatsApp number a webhook change is about ({@code value.metadata}). Strings are
 * empty when Meta omitted them.
 */
public record BusinessPhone(String phoneNumberId, String displayPhoneNumber) {}
