package dev.wabots.whatsapp;

import java.util.Optional;

/**
 * The id of a reply button or list row, echoed back by WhatsApp when the user taps it. Ids of the
 * funnel have the form {@code prefix:action} (e.g. {@code sales:start_quiz}); any non-blank id of
 * at most 256 characters is accepted here (list rows are further limited to 200).
 */
public record ReplyId(String value) {
  /** @throws LimitViolationException if blank or longer than 256 code points */
  public ReplyId {
    Checks.required("id", value, CloudApiLimits.BUTTON_ID);
  }

  /** Shorthand for {@code new ReplyId(value)}. */
  public static ReplyId of(String value) {
    return new ReplyId(value);
  }

  /** The part before the first {@code ':'}, if there is one. */
  public Optional<String> prefix() {
    int colon = value.indexOf(':');
    return colon < 0 ? Optional.empty() : Optional.of(value.substring(0, colon));
  }

  /** The part after the first {@code ':'}, or the whole id when it has no prefix. */
  public String action() {
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(colon + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
