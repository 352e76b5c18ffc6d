package dev.wabots.whatsapp;

/**
 * A plain text message of at most 4096 characters. Longer text is never truncated: split it with
 * {@link TextSplitter} first.
 *
 * @param body the text, WhatsApp formatting allowed ({@code *bold*}, {@code _italic_})
 * @param previewUrl whether WhatsApp should render a preview of the first link
 */
public record TextMessage(String body, boolean previewUrl) implements OutboundMessage {
  /** @throws LimitViolationException if the body is blank or too long */
  public TextMessage {
    Checks.required("text.body", body, CloudApiLimits.TEXT_BODY);
  }

  /** A text message without link preview. */
  public static TextMessage of(String body) {
    return new TextMessage(body, false);
  }

  @Override
  public String type() {
    return "text";
  }
}
