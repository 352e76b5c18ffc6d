package dev.wabots.whatsapp;

/**
 * One quick-reply button: the id comes back in the webhook when tapped, the title is shown.
 *
 * @param id the reply id (at most 256 characters)
 * @param title the label (at most 20 characters)
 */
public record ReplyButton(ReplyId id, String title) {
  /** @throws LimitViolationException if the title is blank or longer than 20 characters */
  public ReplyButton {
    if (id == null) {
      throw new LimitViolationException("interactive.action.buttons[].reply.id", "required", null);
    }
    Checks.required("interactive.action.buttons[].reply.title", title, CloudApiLimits.BUTTON_TITLE);
  }

  /** Shorthand for {@code new ReplyButton(ReplyId.of(id), title)}. */
  public static ReplyButton of(String id, String title) {
    return new ReplyButton(ReplyId.of(id), title);
  }
}
