package dev.wabots.whatsapp;

/**
 * An audio message, sent by uploaded media id or by public link. With {@code voice} the audio is
 * shown as a voice note (it must then be OGG/Opus mono).
 *
 * @param mediaId the id returned by the media upload, or null when sending by link
 * @param link a public http(s) URL, or null when sending by media id
 * @param voice whether to show it as a voice note
 */
public record AudioMessage(String mediaId, String link, boolean voice) implements OutboundMessage {
  /** @throws LimitViolationException unless exactly one of media id and link is given */
  public AudioMessage {
    if ((mediaId == null) == (link == null)) {
      throw new LimitViolationException(
          "audio", "exactly one of audio.id and audio.link", mediaId == null ? null : mediaId + " / " + link);
    }
    if (mediaId != null) {
      Checks.required("audio.id", mediaId, Integer.MAX_VALUE);
    } else {
      Checks.httpUrl("audio.link", link);
    }
  }

  /** Audio previously uploaded to the media endpoint. */
  public static AudioMessage ofMediaId(String mediaId, boolean voice) {
    return new AudioMessage(mediaId, null, voice);
  }

  /** Audio fetched by WhatsApp from a public URL. */
  public static AudioMessage ofLink(String link, boolean voice) {
    return new AudioMessage(null, link, voice);
  }

  @Override
  public String type() {
    return "audio";
  }
}
