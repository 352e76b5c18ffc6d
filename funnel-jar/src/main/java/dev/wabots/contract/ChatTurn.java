package dev.wabots.contract;

/**
 * One message of a conversation with the model: {@code role} is {@code user} or {@code assistant};
 * a user turn may carry a photo ({@code image}, null otherwise).
 */
public record ChatTurn(
    String role,
    String content,
    // Absent, not null, on text turns: their wire form stays what it was.
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        ChatImage image) {

  /** A turn of text only. */
  public ChatTurn(String role, String content) {
    this(role, content, null);
  }
}
