package dev.wabots.whatsapp;

/**
 * An error reported in a webhook ({@code statuses[].errors[]}, {@code messages[].errors[]} or
 * {@code value.errors[]}).
 *
 * @param code the Cloud API error code, e.g. 131047 (outside the 24-hour window); 0 if absent
 * @param title short title, may be empty
 * @param message message, may be empty
 * @param details {@code error_data.details}, may be empty
 */
public record WebhookError(int code, String title, String message, String details) {}
