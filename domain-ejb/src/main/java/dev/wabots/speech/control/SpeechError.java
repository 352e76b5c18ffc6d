package dev.wabots.speech.control;

/** A synthesis or transcoding failure; {@code unavailable} when the engine or tool cannot be used at all. */
public class SpeechError extends RuntimeException {

  private final boolean unavailable;

  public SpeechError(String message, boolean unavailable) {
    super(message, null, false, false);
    this.unavailable = unavailable;
  }

  public boolean unavailable() {
    return unavailable;
  }
}
