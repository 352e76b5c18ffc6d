package dev.wabots.bot.inbox;

import java.util.Arrays;

/** What became of a message in the inbox (stored as its code). */
public enum RowState {
  /** Acknowledged to Meta, not worked yet. */
  PENDING("pending"),
  /** The funnel step is committed with the replies to send; {@code sent} of them went. */
  PLANNED("planned"),
  /** Every planned reply was accepted by the Graph API. */
  DONE("done"),
  /** A reply was refused for good (or retried too often): the reason is kept. */
  FAILED("failed"),
  /** From a blocked number: recorded, not answered. */
  BLOCKED("blocked"),
  /** From a number not on the allowed list: recorded, not answered. */
  NOT_ALLOWED("not_allowed"),
  /** Needs no answer (a reaction, an edit, a system notice). */
  IGNORED("ignored"),
  /** The customer is with a person: recorded and read, not answered by the bot. */
  WITH_PERSON("with_person");

  private final String code;

  RowState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the row still has work to do. */
  public boolean open() {
    return this == PENDING || this == PLANNED;
  }

  /** The state stored as {@code code}. */
  public static RowState of(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown inbox state: " + code));
  }
}
