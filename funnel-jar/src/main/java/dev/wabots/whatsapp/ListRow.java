package dev.wabots.whatsapp;

/**
 * One row of a list message.
 *
 * @param id the reply id (at most 200 characters)
 * @param title the row title (at most 24 characters)
 * @param description optional description (at most 72 characters), may be null
 */
public record ListRow(ReplyId id, String title, String description) {
  /** @throws LimitViolationException if a field breaks its limit */
  public ListRow {
    if (id == null) {
      throw new LimitViolationException("interactive.action.sections[].rows[].id", "required", null);
    }
    Checks.atMost("interactive.action.sections[].rows[].id", id.value(), CloudApiLimits.ROW_ID);
    Checks.required("interactive.action.sections[].rows[].title", title, CloudApiLimits.ROW_TITLE);
    Checks.optional("interactive.action.sections[].rows[].description", description, CloudApiLimits.ROW_DESCRIPTION);
  }

  /** A row without description. */
  public static ListRow of(String id, String title) {
    return new ListRow(ReplyId.of(id), title, null);
  }

  /** A row with a description. */
  public static ListRow of(String id, String title, String description) {
    return new ListRow(ReplyId.of(id), title, description);
  }
}
