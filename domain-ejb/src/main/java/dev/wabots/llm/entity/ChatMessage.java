package dev.wabots.llm.entity;

/**
 * One turn of a conversation as the model sees it: {@code system}, {@code user} or
 * {@code assistant} and its text. Bots send only user and assistant turns; the system turn is the
 * orchestrator's.
 */
public record ChatMessage(String role, String content, Image image) {

  /** A photo with a user turn, for backends that take images. */
  public record Image(String mimeType, String dataBase64) {
    /** As a data URL ({@code data:image/jpeg;base64,…}). */
    public String dataUrl() {
      return "data:" + mimeType + ";base64," + dataBase64;
    }
  }

  /** A turn of text only. */
  public ChatMessage(String role, String content) {
    this(role, content, null);
  }

  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";

  public boolean fromUser() {
    return USER.equals(role);
  }

  public boolean fromAssistant() {
    return ASSISTANT.equals(role);
  }
}
