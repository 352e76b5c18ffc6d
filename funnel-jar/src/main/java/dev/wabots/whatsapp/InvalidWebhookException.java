package dev.wabots.whatsapp;

/**
 * The body is not JSON or not a Cloud API webhook envelope. The webhook endpoint answers 400.
 * (A valid envelope with unknown content never throws; see {@link OtherUpdate}.)
 */
public final class InvalidWebhookException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong with the body */
  public InvalidWebhookException(String message) {
    super(message);
  }

  /** @param message what is wrong with the body, @param cause the JSON parser's error */
  public InvalidWebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
