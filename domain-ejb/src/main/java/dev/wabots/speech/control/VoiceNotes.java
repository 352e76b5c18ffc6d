package dev.wabots.speech.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Text → voice note: split for the engine, synthesise each piece, join them with short pauses,
 * pick the Opus bitrate that keeps the note under the size limit, transcode (applying the preset
 * if the engine could not). Plain Java: the router and the benchmark use it alike.
 */
public final class VoiceNotes {

  static final int PAUSE_MILLIS = 250;

  private final Transcoder transcoder;
  private final int preferredKbps;
  private final long maxBytes;

  public VoiceNotes(Transcoder transcoder, int preferredKbps, long maxBytes) {
    this.transcoder = transcoder;
    this.preferredKbps = preferredKbps;
    this.maxBytes = maxBytes;
  }

  /** @param text already made speakable ({@link SpokenText}) and within the length cap */
  public VoiceNote make(TtsEngine engine, String text, String voice, String language, Preset preset) {
    Path scratch = Commands.scratch();
    try {
      List<String> pieces = TextChunks.split(text, engine.maxChunkChars());
      if (pieces.isEmpty()) {
        throw new SpeechError("nothing to say", false);
      }
      List<Wav> audio = new ArrayList<>();
      for (String piece : pieces) {
        audio.add(engine.synthesize(piece, voice, language, preset, scratch));
      }
      Wav wav;
      try {
        wav = Wav.join(audio, PAUSE_MILLIS);
      } catch (IllegalArgumentException e) {
        throw new SpeechError(engine.id() + ": " + e.getMessage(), false);
      }
      String filter = engine.appliesPreset() ? "" : preset.ffmpegFilter(wav.sampleRate());
      long duration = engine.appliesPreset() ? wav.durationMillis() : Math.round(wav.durationMillis() / preset.tempo());
      int kbps = Bitrates.forDuration(duration, maxBytes, preferredKbps);
      byte[] ogg = transcoder.toVoiceNote(wav, filter, kbps, scratch);
      if (ogg.length > maxBytes && kbps > Bitrates.MIN_KBPS) {
        kbps = (int) Math.max(Bitrates.MIN_KBPS, Math.floor(kbps * (double) maxBytes / ogg.length * 0.95));
        ogg = transcoder.toVoiceNote(wav, filter, kbps, scratch);
      }
      return new VoiceNote(ogg, duration, kbps, pieces.size());
    } finally {
      Commands.delete(scratch);
    }
  }
}
