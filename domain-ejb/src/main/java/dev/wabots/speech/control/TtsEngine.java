package dev.wabots.speech.control;

import java.nio.file.Path;
import java.util.Optional;

/** One way of turning text into speech (a local tool or a TTS server). */
public interface TtsEngine {

  /** {@code espeak}, {@code piper}, {@code xtts} or {@code openvoice}: the bot setting's value. */
  String id();

  /** Empty when the engine can speak now; otherwise why not (tool missing, server not configured …). */
  Optional<String> problem();

  /** What it runs on, for the status page. */
  String detail();

  /** The longest text one call should get; longer replies are split at sentence ends. */
  int maxChunkChars();

  /** Whether the engine applies a preset's tempo and pitch itself (otherwise ffmpeg does). */
  boolean appliesPreset();

  /**
   * Speaks one piece of text.
   *
   * @param voice the engine's own voice id (already mapped from {@code anna}/{@code marina})
   * @param language {@code ru} or {@code en}
   * @throws SpeechError when the engine fails
   */
  Wav synthesize(String text, String voice, String language, Preset preset, Path scratch);
}
