package dev.wabots.sandbox.control;

/**
 * One thing wrong with a Cloud API request or webhook body.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending field; for a missing or unknown field
 *     the pointer names that field, e.g. {@code /text/body}; {@code ""} is the whole body
 * @param keyword the rule that failed: a JSON Schema keyword ({@code required}, {@code maxLength},
 *     ...) or one of our limit rules ({@code uniqueTitle}, {@code rowsAcrossSections}, ...)
 * @param message why, in English
 * @param kind whether Meta's schema or a hand-coded platform limit rejected it
 */
public record RequestProblem(String pointer, String keyword, String message, Kind kind) {

  /** Who found the problem; decides the Graph error code. */
  public enum Kind {
    /** Meta's (patched) OpenAPI schema: Graph answers {@code (#100) Invalid parameter}. */
    SCHEMA(100, "(#100) Invalid parameter"),
    /** A limit the schema cannot express: {@code (#131009) Parameter value is not valid}. */
    LIMIT(131009, "(#131009) Parameter value is not valid");

    private final int graphCode;
    private final String graphMessage;

    Kind(int graphCode, String graphMessage) {
      this.graphCode = graphCode;
      this.graphMessage = graphMessage;
    }

    /** The Graph API error code for this kind. */
    public int graphCode() {
      return graphCode;
    }

    /** The Graph API error message for this kind. */
    public String graphMessage() {
      return graphMessage;
    }
  }

  static RequestProblem schema(String pointer, String keyword, String message) {
    return new RequestProblem(pointer, keyword, message, Kind.SCHEMA);
  }

  static RequestProblem limit(String pointer, String keyword, String message) {
    return new RequestProblem(pointer, keyword, message, Kind.LIMIT);
  }

  /** The field as Graph names it in error details, e.g. {@code interactive.action.buttons[3]}. */
  public String field() {
    return fieldOf(pointer);
  }

  static String fieldOf(String pointer) {
    if (pointer.isEmpty()) {
      return "(body)";
    }
    StringBuilder field = new StringBuilder();
    for (String segment : pointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        field.append('[').append(name).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(name);
      }
    }
    return field.toString();
  }

  @Override
  public String toString() {
    return field() + ": " + message;
  }
}
