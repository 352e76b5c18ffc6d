package dev.wabots.contract;

/**
 * One message of a conversation with the model: {@code role} is {@code user} or {@code assistant};
 * a user turn may carry a photo ({@code image}, null otherwise).
 */
public record ChatTurn(String role, String content, ChatImage image) {

  /** A turn of text only. */
  public ChatTurn(String role, String content) {
    this(role, content, null);
  }
}
