package dev.wabots.whatsapp;

/**
 * A document message (a PDF, say), sent by uploaded media id or by public link, with the file name
 * the customer sees and an optional caption.
 *
 * @param mediaId the id returned by the media upload, or null when sending by link
 * @param link a public http(s) URL, or null when sending by media id
 * @param filename the file name shown (with its extension), at most {@value #MAX_FILENAME} characters
 * @param caption the text under the document, at most {@value CloudApiLimits#MEDIA_CAPTION}
 *     characters, or null
 */
public record DocumentMessage(String mediaId, String link, String filename, String caption)
    implements OutboundMessage {
  /** Longest file name this library sends (Meta documents none; longer names are cut on phones). */
  public static final int MAX_FILENAME = 240;

  /** @throws LimitViolationException unless exactly one of media id and link is given, or a text is too long */
  public DocumentMessage {
    if ((mediaId == null) == (link == null)) {
      throw new LimitViolationException(
          "document", "exactly one of document.id and document.link", mediaId == null ? null : mediaId + " / " + link);
    }
    if (mediaId != null) {
      Checks.required("document.id", mediaId, Integer.MAX_VALUE);
    } else {
      Checks.httpUrl("document.link", link);
    }
    Checks.required("document.filename", filename, MAX_FILENAME);
    Checks.optional("document.caption", caption, CloudApiLimits.MEDIA_CAPTION);
  }

  /** A document previously uploaded to the media endpoint. */
  public static DocumentMessage ofMediaId(String mediaId, String filename, String caption) {
    return new DocumentMessage(mediaId, null, filename, caption);
  }

  @Override
  public String type() {
    return "document";
  }
}
