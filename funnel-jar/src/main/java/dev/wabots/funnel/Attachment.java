package dev.wabots.funnel;

/**
 * Something other than text or a tap that the bot received and kept, answered from the definition
 * ({@link FunnelInput.Shared}): each has its own screen, and a definition without that screen answers
 * with {@code non_text}, its fallback.
 */
public enum Attachment {
  /** A sticker: a short friendly reply, no menu. Placeholders: none. */
  STICKER("sticker", "sticker", false),
  /** A document, stored: {@code {filename}}. */
  DOCUMENT("document_received", "document", true),
  /** A shared location: {@code {latitude}}, {@code {longitude}}, {@code {place}} (name and address, or the coordinates). */
  LOCATION("location_received", "location", true),
  /** Contact cards: {@code {contacts}} (their names). */
  CONTACTS("contacts_received", "contacts", true),
  /** A photo the bot's AI cannot look at (no AI with image input, or no AI). */
  IMAGE_NOT_UNDERSTOOD("image_not_understood", "image", true),
  /** A voice note or audio the bot could not turn into text (speech to text off, failed, or too long). */
  VOICE_NOT_UNDERSTOOD("voice_not_understood", "audio", true),
  /** Media the bot refused (too large, a type WhatsApp does not allow, not what it claims): {@code {reason}}. */
  MEDIA_REFUSED("media_refused", "refused", true),
  /** Any other kind of message (video, an unsupported type): the definition's fallback. */
  OTHER(Screens.NON_TEXT, "other", true);

  private final String screen;
  private final String type;
  private final boolean menu;

  Attachment(String screen, String type, boolean menu) {
    this.screen = screen;
    this.type = type;
    this.menu = menu;
  }

  /** The screen that answers it. */
  public String screen() {
    return screen;
  }

  /** The {@code type} of its {@code media_received} event. */
  public String type() {
    return type;
  }

  /** The longest text a placeholder of an attachment screen is given. */
  static final int MAX_VALUE = 200;

  /** The attachment answered by screen {@code key}, or null (the fallback screen is nobody's own). */
  static Attachment ofScreen(String key) {
    for (Attachment a : values()) {
      if (a != OTHER && a.screen.equals(key)) {
        return a;
      }
    }
    return null;
  }

  /** The longest values its placeholders can have, for the definition's limit checks. */
  java.util.Map<String, String> longestValues() {
    String longest = "Ж".repeat(MAX_VALUE);
    return java.util.Map.of("filename", "Ж".repeat(100), "caption", longest, "place", longest, "contacts", longest,
        "reason", longest, "latitude", "-89.999999", "longitude", "-179.999999");
  }

  /** Whether the main menu follows the screen. */
  boolean withMenu() {
    return menu;
  }
}
