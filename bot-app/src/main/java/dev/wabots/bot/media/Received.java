package dev.wabots.bot.media;

import java.time.Instant;

/**
 * A file a customer sent, as the bot kept it.
 *
 * @param path the file relative to the bot's media folder, or null (refused, or removed after the
 *     retention period)
 * @param refusal why it was not taken ({@code too_large}, {@code wrong_type},
 *     {@code not_what_it_claims}, {@code download_failed}), or null
 * @param transcript a voice note's text, or null
 * @param transcriptProblem why there is no transcript (speech to text off, failed, too long), or null
 */
public record Received(
    String wamid,
    String phone,
    String kind,
    String mimeType,
    String filename,
    long size,
    String sha256,
    String path,
    String state,
    String refusal,
    String reason,
    String transcript,
    String transcriptProblem,
    Instant receivedAt) {

  public boolean stored() {
    return "stored".equals(state);
  }

  public boolean refused() {
    return "refused".equals(state);
  }
}
