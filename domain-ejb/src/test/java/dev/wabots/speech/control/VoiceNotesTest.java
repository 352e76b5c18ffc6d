package dev.wabots.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real voice notes with espeak-ng and ffmpeg (both must be installed: {@code apt-get install
 * espeak-ng ffmpeg}); ffprobe checks what WhatsApp needs: Ogg container, Opus, one channel.
 */
class VoiceNotesTest {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String REPLY = "Здравствуйте! AI-секретарь работает на вашем сервере, без облака. "
      + "Установка под ключ занимает один-два часа. Хотите, подберу конфигурацию под вашу видеокарту?";

  static String probe(byte[] ogg, String entries) throws Exception {
    Path file = Files.createTempFile("voice-note", ".ogg");
    try {
      Files.write(file, ogg);
      Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=noprint_wrappers=1",
          file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      return out;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void makesAnOggOpusMonoVoiceNoteWithEspeakAndFfmpeg() throws Exception {
    Espeak espeak = new Espeak("espeak-ng", TIMEOUT);
    Transcoder ffmpeg = new Transcoder("ffmpeg", TIMEOUT);
    assertTrue(espeak.problem().isEmpty(), "install espeak-ng: " + espeak.problem());
    assertTrue(ffmpeg.problem().isEmpty(), "install ffmpeg: " + ffmpeg.problem());
    VoiceNote note = new VoiceNotes(ffmpeg, 24, 512 * 1024).make(espeak, REPLY, "ru+f3", "ru", Preset.NONE);
    assertEquals("OggS", new String(note.audio(), 0, 4, StandardCharsets.US_ASCII));
    String info = probe(note.audio(), "stream=codec_name,channels:format=format_name");
    assertTrue(info.contains("codec_name=opus"), info);
    assertTrue(info.contains("channels=1"), info);
    assertTrue(info.contains("format_name=ogg"), info);
    assertEquals(24, note.bitrateKbps());
    assertTrue(note.durationMillis() > 5_000 && note.durationMillis() < 30_000, "ms " + note.durationMillis());
    assertTrue(note.audio().length < 24_000 / 8 * (note.durationMillis() / 1000 + 2), "size " + note.audio().length);
  }

  @Test
  void appliesPresetsThroughEspeakItself() {
    Espeak espeak = new Espeak("espeak-ng", TIMEOUT);
    Path scratch = Commands.scratch();
    try {
      long normal = espeak.synthesize(REPLY, "ru+f3", "ru", Preset.NONE, scratch).durationMillis();
      long calm = espeak.synthesize(REPLY, "ru+f3", "ru", Preset.CALM, scratch).durationMillis();
      long fast = espeak.synthesize(REPLY, "ru+f3", "ru", Preset.FAST, scratch).durationMillis();
      assertTrue(calm > normal && normal > fast, calm + " > " + normal + " > " + fast);
    } finally {
      Commands.delete(scratch);
    }
  }

  @Test
  void lowersTheBitrateToStayUnderTheSizeLimit() throws Exception {
    Espeak espeak = new Espeak("espeak-ng", TIMEOUT);
    Transcoder ffmpeg = new Transcoder("ffmpeg", TIMEOUT);
    VoiceNote note = new VoiceNotes(ffmpeg, 24, 20 * 1024).make(espeak, REPLY, "ru+f3", "ru", Preset.NONE);
    assertTrue(note.bitrateKbps() < 24, "kbps " + note.bitrateKbps());
    assertTrue(note.audio().length <= 20 * 1024, "bytes " + note.audio().length);
    assertTrue(probe(note.audio(), "stream=codec_name").contains("opus"));
  }

  @Test
  void reportsMissingToolsClearlyInsteadOfFailingLater() {
    Espeak espeak = new Espeak("/nonexistent/espeak-ng", TIMEOUT);
    Transcoder ffmpeg = new Transcoder("/nonexistent/ffmpeg", TIMEOUT);
    assertTrue(espeak.problem().orElseThrow().contains("not found"), espeak.problem().toString());
    assertTrue(espeak.problem().orElseThrow().contains("apt-get install espeak-ng"));
    assertTrue(ffmpeg.problem().orElseThrow().contains("not found"), ffmpeg.problem().toString());
    Path scratch = Commands.scratch();
    try {
      SpeechError e = assertThrows(SpeechError.class, () -> espeak.synthesize("text", "ru", "ru", Preset.NONE, scratch));
      assertTrue(e.unavailable(), "a missing tool is 'unavailable' (503), not a failure of this text");
    } finally {
      Commands.delete(scratch);
    }
  }

  @Test
  void passesUserTextOnStdinNeverToAShell() {
    Path scratch = Commands.scratch();
    try {
      Path marker = scratch.resolve("pwned");
      String hostile = "$(touch " + marker + "); `touch " + marker + "` && touch " + marker;
      Wav wav = new Espeak("espeak-ng", TIMEOUT).synthesize(hostile, "en", "en", Preset.NONE, scratch);
      assertTrue(wav.durationMillis() > 0);
      assertFalse(Files.exists(marker));
    } finally {
      Commands.delete(scratch);
    }
  }

  @Test
  void killsAToolThatRunsTooLong() {
    Path scratch = Commands.scratch();
    try {
      long t0 = System.nanoTime();
      Commands.Failure f = assertThrows(Commands.Failure.class,
          () -> Commands.run(List.of("sleep", "30"), null, scratch, Duration.ofMillis(300)));
      assertTrue(f.getMessage().contains("did not finish within 300 ms"));
      assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
    } finally {
      Commands.delete(scratch);
    }
  }
}
