package dev.wabots.whatsapp;

import java.util.List;

/** Errors Meta reports for the bot's number as a whole ({@code value.errors[]}). */
public record AccountErrors(BusinessPhone business, List<WebhookError> errors)
    implements WebhookEvent {
  /** Copies the error list. */
  public AccountErrors {
    errors = List.copyOf(errors);
  }
}
