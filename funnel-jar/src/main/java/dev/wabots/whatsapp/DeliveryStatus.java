package dev.wabots.whatsapp;

import java.util.Locale;

/** The status of a message the bot sent, from a status webhook. */
public enum DeliveryStatus {
  /** Accepted by WhatsApp. */
  SENT,
  /** Delivered to the device (may be skipped). */
  DELIVERED,
  /** Read by the user. */
  READ,
  /** Played (voice notes). */
  PLAYED,
  /** Failed; the update carries the errors. */
  FAILED,
  /** A status this library does not know; the raw value is kept on the update. */
  UNKNOWN;

  /** Maps the webhook's {@code status} string; anything unrecognised is {@link #UNKNOWN}. */
  public static DeliveryStatus of(String status) {
    if (status == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
