package dev.wabots.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** WAV handling, bitrate choice, presets and voice names: no tools needed. */
class AudioTest {

  static Wav tone(int rate, int millis) {
    byte[] data = new byte[rate * millis / 1000 * 2];
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < data.length / 2; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
    }
    return new Wav(1, 1, rate, 16, data);
  }

  @Test
  void readsWhatItWritesAndTheStreamedFormWithUnknownSize() {
    Wav w = tone(22050, 500);
    Wav back = Wav.parse(w.bytes());
    assertEquals(22050, back.sampleRate());
    assertEquals(500, back.durationMillis());
    byte[] streamed = w.bytes();
    ByteBuffer.wrap(streamed).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFFFFF); // espeak --stdout
    assertEquals(w.data().length, Wav.parse(streamed).data().length);
    assertThrows(IllegalArgumentException.class, () -> Wav.parse("{\"error\":\"no\"}".getBytes()));
  }

  @Test
  void joinsPiecesWithAPauseAndRefusesMixedFormats() {
    Wav joined = Wav.join(List.of(tone(24000, 1000), tone(24000, 500)), 250);
    assertEquals(1750, joined.durationMillis());
    assertThrows(IllegalArgumentException.class, () -> Wav.join(List.of(tone(24000, 100), tone(22050, 100)), 250));
  }

  @Test
  void lowersTheBitrateOnlyWhenTheNoteWouldNotFit() {
    assertEquals(24, Bitrates.forDuration(60_000, 512 * 1024, 24), "a minute at 24 kbit/s is ~180 KB");
    int threeMinutes = Bitrates.forDuration(180_000, 512 * 1024, 24);
    assertTrue(threeMinutes < 24 && threeMinutes * 1000 / 8 * 180 <= 512 * 1024, "kbps " + threeMinutes);
    assertEquals(Bitrates.MIN_KBPS, Bitrates.forDuration(3_600_000, 512 * 1024, 24));
  }

  @Test
  void presetsMapToEspeakSettingsAndFfmpegFilters() {
    assertEquals(Preset.NONE, Preset.parse(null).orElseThrow());
    assertEquals(Preset.CALM, Preset.parse(" Calm ").orElseThrow());
    assertTrue(Preset.parse("loud").isEmpty());
    assertEquals(160, Preset.NONE.espeakWordsPerMinute());
    assertEquals(192, Preset.FAST.espeakWordsPerMinute());
    assertEquals(70, Preset.BRIGHT.espeakPitch());
    assertEquals("", Preset.NONE.ffmpegFilter(24000));
    assertEquals("atempo=1.2000", Preset.FAST.ffmpegFilter(24000));
    assertEquals("asetrate=25920,aresample=24000,atempo=0.9722", Preset.BRIGHT.ffmpegFilter(24000));
  }

  @Test
  void mapsVoiceNamesPerEngineAndLanguageWithConfigFirst() {
    Map<String, String> config = Map.of("wabots.tts.voices.espeak.anna.en", "en-us+f2", "wabots.tts.voices.xtts.marina", "marina_ru.wav");
    Voices voices = new Voices(k -> Optional.ofNullable(config.get(k)));
    assertEquals("ru+f3", voices.resolve("espeak", "anna", "ru"));
    assertEquals("en-us+f2", voices.resolve("espeak", "anna", "en"));
    assertEquals("ru+f4", voices.resolve("espeak", "marina", "ru"));
    assertEquals("marina_ru.wav", voices.resolve("xtts", "marina", "ru"));
    assertEquals("ru_RU-irina-medium", voices.resolve("piper", "anna", "ru"));
    assertEquals("ru+m1", voices.resolve("espeak", "ru+m1", "ru"), "an unmapped voice goes to the engine as it is");
  }
}
