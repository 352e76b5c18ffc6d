package dev.wabots.speech.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a voice is delivered: a tempo factor and a pitch factor. espeak applies them itself
 * ({@code -s} words per minute, {@code -p} pitch); for the HTTP engines ffmpeg applies them while
 * transcoding ({@code atempo}; pitch by resampling with the tempo kept).
 *
 * <ul>
 *   <li>{@code calm} — 12 % slower, slightly lower: long explanations, older listeners.
 *   <li>{@code fast} — 20 % faster, same pitch: short confirmations.
 *   <li>{@code bright} — 5 % faster, 8 % higher: a friendlier, more energetic sales voice.
 * </ul>
 *
 * No preset ({@code null}) is the engine's own delivery.
 */
public enum Preset {
  NONE(1.0, 1.0),
  CALM(0.88, 0.97),
  FAST(1.20, 1.0),
  BRIGHT(1.05, 1.08);

  static final int ESPEAK_BASE_WPM = 160;
  static final int ESPEAK_BASE_PITCH = 50;

  private final double tempo;
  private final double pitch;

  Preset(double tempo, double pitch) {
    this.tempo = tempo;
    this.pitch = pitch;
  }

  public double tempo() {
    return tempo;
  }

  public double pitch() {
    return pitch;
  }

  public String id() {
    return this == NONE ? null : name().toLowerCase(Locale.ROOT);
  }

  /** {@code null} or blank is {@link #NONE}; an unknown name is empty. */
  public static Optional<Preset> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(NONE);
    }
    String t = text.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p != NONE && p.name().equals(t)).findFirst();
  }

  /** espeak's speed in words per minute. */
  int espeakWordsPerMinute() {
    return (int) Math.round(ESPEAK_BASE_WPM * tempo);
  }

  /** espeak's pitch, 0-99. */
  int espeakPitch() {
    return (int) Math.max(0, Math.min(99, Math.round(ESPEAK_BASE_PITCH + (pitch - 1.0) * 250)));
  }

  /** The ffmpeg audio filter for an engine that cannot apply the preset itself; empty for none. */
  String ffmpegFilter(int sampleRate) {
    StringBuilder f = new StringBuilder();
    double tempoLeft = tempo;
    if (pitch != 1.0) {
      f.append("asetrate=").append(Math.round(sampleRate * pitch)).append(",aresample=").append(sampleRate);
      tempoLeft = tempo / pitch; // resampling sped the voice up by the pitch factor: take that back
    }
    if (Math.abs(tempoLeft - 1.0) > 1e-6) {
      if (f.length() > 0) {
        f.append(',');
      }
      f.append(String.format(Locale.ROOT, "atempo=%.4f", tempoLeft));
    }
    return f.toString();
  }
}
