package dev.wabots.whatsapp;

/**
 * The WhatsApp Cloud API limits this library enforces (see {@code docs/WHATSAPP-LIMITS.md}).
 * Lengths are counted in Unicode code points, i.e. characters as a person sees them.
 */
public final class CloudApiLimits {
  /** Maximum length of a text message body. */
  public static final int TEXT_BODY = 4096;
  /** Maximum length of an interactive message body (reply buttons and lists). */
  public static final int INTERACTIVE_BODY = 1024;
  /** Maximum length of a media caption (image, video, document). */
  public static final int MEDIA_CAPTION = 1024;
  /** Maximum length of an interactive text header. */
  public static final int HEADER_TEXT = 60;
  /** Maximum length of an interactive footer. */
  public static final int FOOTER = 60;
  /** Maximum number of reply buttons. */
  public static final int REPLY_BUTTONS = 3;
  /** Maximum length of a reply button title. */
  public static final int BUTTON_TITLE = 20;
  /** Maximum length of a reply button id. */
  public static final int BUTTON_ID = 256;
  /** Maximum length of the button that opens a list. */
  public static final int LIST_BUTTON_TEXT = 20;
  /** Maximum number of sections in a list. */
  public static final int LIST_SECTIONS = 10;
  /** Maximum length of a list section title. */
  public static final int SECTION_TITLE = 24;
  /** Maximum number of rows in a list, counted across all sections. */
  public static final int LIST_ROWS = 10;
  /** Maximum length of a list row title. */
  public static final int ROW_TITLE = 24;
  /** Maximum length of a list row id. */
  public static final int ROW_ID = 200;
  /** Maximum length of a list row description. */
  public static final int ROW_DESCRIPTION = 72;
  /** Maximum length of a template name. */
  public static final int TEMPLATE_NAME = 512;
  /** Maximum length of a template text parameter. */
  public static final int TEMPLATE_TEXT_PARAMETER = 32768;

  private CloudApiLimits() {}

  /** Length of {@code text} in Unicode code points (an emoji counts as one). */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
