import dev.wabots.speech.control.Espeak;
import dev.wabots.speech.control.Preset;
import dev.wabots.speech.control.Transcoder;
import dev.wabots.speech.control.VoiceNote;
import dev.wabots.speech.control.VoiceNotes;
import java.time.Duration;
import java.util.Arrays;

/**
 * Time to turn a 200-character reply into a WhatsApp voice note with the local engine: espeak-ng
 * synthesis + ffmpeg transcoding to OGG/Opus mono 24 kbit/s, exactly the router's code path
 * ({@code VoiceNotes.make}), one note at a time. Prints the median of N runs after a warm-up.
 *
 * <p>Run with {@code server-config/bench/speech.sh [runs]}.
 */
public class SpeechBench {

  static final String REPLY = "Здравствуйте! AI-секретарь работает на вашем сервере без облака: данные остаются у вас. "
      + "Установка под ключ занимает один-два часа. Подобрать видеокарту под вашу задачу?";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    String text = (REPLY + " " + REPLY).substring(0, 200);
    Espeak espeak = new Espeak("espeak-ng", Duration.ofSeconds(60));
    Transcoder ffmpeg = new Transcoder("ffmpeg", Duration.ofSeconds(60));
    espeak.problem().ifPresent(p -> { throw new IllegalStateException(p); });
    ffmpeg.problem().ifPresent(p -> { throw new IllegalStateException(p); });
    VoiceNotes notes = new VoiceNotes(ffmpeg, 24, 512 * 1024);
    for (int i = 0; i < 3; i++) {
      notes.make(espeak, text, "ru+f3", "ru", Preset.NONE);
    }
    long[] millis = new long[runs];
    VoiceNote last = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      last = notes.make(espeak, text, "ru+f3", "ru", Preset.NONE);
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    long[] synth = new long[runs];
    java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("speech-bench");
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      espeak.synthesize(text, "ru+f3", "ru", Preset.NONE, scratch);
      synth[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(millis);
    Arrays.sort(synth);
    System.out.printf("200-character reply → OGG/Opus mono 24 kbit/s (espeak-ng + ffmpeg), %d runs after 3 warm-up%n", runs);
    System.out.printf("median %d ms, p90 %d ms, min %d ms, max %d ms; note: %.1f s of speech, %d bytes%n",
        millis[runs / 2], millis[(int) Math.ceil(runs * 0.9) - 1], millis[0], millis[runs - 1],
        last.durationMillis() / 1000.0, last.audio().length);
    System.out.printf("of which espeak-ng synthesis alone: median %d ms (the rest is ffmpeg: start-up + Opus encoding)%n",
        synth[runs / 2]);
  }
}
