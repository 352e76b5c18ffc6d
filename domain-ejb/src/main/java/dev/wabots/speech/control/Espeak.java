package dev.wabots.speech.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code espeak-ng}, local and always installable ({@code apt-get install espeak-ng}): voice
 * replies work on a fresh machine. Text goes in on stdin, the WAV comes out in a file; speed and
 * pitch are espeak's own {@code -s}/{@code -p}.
 */
public final class Espeak implements TtsEngine {

  private final String binary;
  private final Duration timeout;
  private final ToolCheck check;

  public Espeak(String binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
    this.check = new ToolCheck(this::probe);
  }

  @Override
  public String id() {
    return "espeak";
  }

  @Override
  public Optional<String> problem() {
    return check.problem();
  }

  @Override
  public String detail() {
    return check.detail();
  }

  @Override
  public int maxChunkChars() {
    return 5000; // espeak reads any length itself; the router's text cap is lower
  }

  @Override
  public boolean appliesPreset() {
    return true;
  }

  private Optional<String> probe() {
    Path scratch = Commands.scratch();
    try {
      Commands.Result r = Commands.run(List.of(binary, "--version"), null, scratch, Duration.ofSeconds(10));
      if (!r.ok()) {
        return Optional.of(binary + " --version failed (exit " + r.exitCode() + "): " + r.errorOutput());
      }
      check.detail(r.output().strip().replaceAll("\\s+Data at:.*", "") + " (" + binary + ")");
      return Optional.empty();
    } catch (Commands.Failure e) {
      return Optional.of(e.missing()
          ? "'" + binary + "' not found (wabots.tts.espeak.binary); install it: apt-get install espeak-ng"
          : e.getMessage());
    } finally {
      Commands.delete(scratch);
    }
  }

  @Override
  public Wav synthesize(String text, String voice, String language, Preset preset, Path scratch) {
    Path out = scratch.resolve("espeak-" + System.nanoTime() + ".wav");
    List<String> command = List.of(binary, "-b", "1", "-v", voice,
        "-s", Integer.toString(preset.espeakWordsPerMinute()), "-p", Integer.toString(preset.espeakPitch()),
        "-w", out.toString(), "--stdin");
    Commands.Result r;
    try {
      r = Commands.run(command, text.getBytes(StandardCharsets.UTF_8), scratch, timeout);
    } catch (Commands.Failure e) {
      throw new SpeechError("espeak: " + e.getMessage(), e.missing());
    }
    try {
      if (!r.ok() || !Files.isRegularFile(out) || Files.size(out) <= 44) {
        throw new SpeechError("espeak failed (exit " + r.exitCode() + ", voice " + voice + "): " + r.errorOutput(), false);
      }
      return Wav.parse(Files.readAllBytes(out));
    } catch (IOException e) {
      throw new SpeechError("espeak output unreadable: " + e.getMessage(), false);
    }
  }
}
