package dev.wabots.whatsapp;

/**
 * A message violates a WhatsApp Cloud API limit. Thrown when the message is built, so an invalid
 * message never reaches the API. Names the field, the limit and the offending value.
 */
public final class LimitViolationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_VALUE = 80;

  private final String field;
  private final String limit;
  private final String value;

  /**
   * @param field the JSON path of the field, e.g. {@code interactive.action.buttons[0].reply.title}
   * @param limit the rule, e.g. {@code at most 20 characters}
   * @param value the offending value (or a description of it, e.g. the number of rows)
   */
  public LimitViolationException(String field, String limit, String value) {
    this(field, limit, value, field + ": " + limit + ", got " + describe(value));
  }

  private LimitViolationException(String field, String limit, String value, String message) {
    super(message);
    this.field = field;
    this.limit = limit;
    this.value = value;
  }

  /** A violation of a count limit (buttons, sections, rows); the value is the count. */
  public static LimitViolationException count(String field, String limit, int count) {
    return new LimitViolationException(field, limit, Integer.toString(count), field + ": " + limit + ", got " + count);
  }

  /** The JSON path of the offending field. */
  public String field() {
    return field;
  }

  /** The limit that was broken, in words. */
  public String limit() {
    return limit;
  }

  /** The offending value, in full. */
  public String value() {
    return value;
  }

  private static String describe(String value) {
    if (value == null) {
      return "nothing";
    }
    int length = value.codePointCount(0, value.length());
    String shown =
        length <= SHOWN_VALUE
            ? value
            : value.substring(0, value.offsetByCodePoints(0, SHOWN_VALUE)) + "…";
    return length + " characters: \"" + shown + "\"";
  }
}
