package dev.wabots.llm.control;

/**
 * An upstream call that gave no usable answer: its kind, the HTTP status if there was one, and a
 * short message fit for admins and bots (the service's own words, never the API key).
 */
public class UpstreamFailure extends RuntimeException {

  static final int MAX_MESSAGE = 300;

  private final ErrorKind kind;
  private final Integer httpStatus;

  public UpstreamFailure(ErrorKind kind, Integer httpStatus, String message) {
    super(shorten(message), null, false, false);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  /** The same failure with every occurrence of {@code secret} masked out of the message. */
  public UpstreamFailure scrubbed(String secret) {
    if (secret == null || secret.isEmpty() || getMessage() == null || !getMessage().contains(secret)) {
      return this;
    }
    return new UpstreamFailure(kind, httpStatus, getMessage().replace(secret, "••••"));
  }

  static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
