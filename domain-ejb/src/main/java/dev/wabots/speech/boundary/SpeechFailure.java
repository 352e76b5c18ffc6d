package dev.wabots.speech.boundary;

import dev.wabots.platform.DomainException;

/**
 * A voice note could not be made. {@code 503 tts_unavailable} when the engine or ffmpeg cannot be
 * used at all (tool missing, server not configured or unreachable) — the bot then sends text only;
 * {@code 502 tts_failed} when the engine or ffmpeg failed on this text.
 */
public class SpeechFailure extends DomainException {

  private final int status;
  private final String code;

  private SpeechFailure(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static SpeechFailure unavailable(String message) {
    return new SpeechFailure(503, "tts_unavailable", message);
  }

  public static SpeechFailure failed(String message) {
    return new SpeechFailure(502, "tts_failed", message);
  }

  public static SpeechFailure busy(String message) {
    return new SpeechFailure(503, "tts_busy", message);
  }

  /** Speech to text cannot be used at all (engine not configured, unreachable, busy). */
  public static SpeechFailure sttUnavailable(String message) {
    return new SpeechFailure(503, "stt_unavailable", message);
  }

  /** The engine failed on this voice note. */
  public static SpeechFailure sttFailed(String message) {
    return new SpeechFailure(502, "stt_failed", message);
  }

  /** The voice note is longer than the bot's {@code stt_max_seconds}. */
  public static SpeechFailure tooLong(String message) {
    return new SpeechFailure(422, "stt_too_long", message);
  }

  /** The bot has speech to text off. */
  public static SpeechFailure sttOff(String message) {
    return new SpeechFailure(409, "stt_off", message);
  }

  public int status() {
    return status;
  }

  @Override
  public String code() {
    return code;
  }
}
