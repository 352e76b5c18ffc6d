package dev.wabots.speech.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ffmpeg turns an engine's WAV into what WhatsApp plays as a voice note: OGG/Opus, mono,
 * {@code -c:a libopus -ac 1 -b:a 24k -application voip}, 48 kHz. A preset the engine could not
 * apply itself is applied here as an audio filter.
 */
public final class Transcoder {

  private final String binary;
  private final Duration timeout;
  private final ToolCheck check;

  public Transcoder(String binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
    this.check = new ToolCheck(this::probe);
  }

  /** Empty when ffmpeg with libopus is there; otherwise why not. */
  public Optional<String> problem() {
    return check.problem();
  }

  public String detail() {
    return check.detail();
  }

  private Optional<String> probe() {
    Path scratch = Commands.scratch();
    try {
      Commands.Result r = Commands.run(List.of(binary, "-hide_banner", "-encoders"), null, scratch, Duration.ofSeconds(15));
      if (!r.ok()) {
        return Optional.of(binary + " -encoders failed (exit " + r.exitCode() + "): " + r.errorOutput());
      }
      if (!r.output().contains(" libopus ")) {
        return Optional.of("'" + binary + "' has no libopus encoder; install a full ffmpeg (apt-get install ffmpeg)");
      }
      check.detail("ffmpeg with libopus (" + binary + ")");
      return Optional.empty();
    } catch (Commands.Failure e) {
      return Optional.of(e.missing()
          ? "'" + binary + "' not found (wabots.tts.ffmpeg.binary); install it: apt-get install ffmpeg"
          : e.getMessage());
    } finally {
      Commands.delete(scratch);
    }
  }

  /** The voice note's bytes. {@code filter} may be empty. */
  public byte[] toVoiceNote(Wav wav, String filter, int kbps, Path scratch) {
    Path in = scratch.resolve("in-" + System.nanoTime() + ".wav");
    Path out = scratch.resolve("out-" + System.nanoTime() + ".ogg");
    try {
      Files.write(in, wav.bytes());
      List<String> command = new ArrayList<>(List.of(binary, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
          "-i", in.toString()));
      if (filter != null && !filter.isEmpty()) {
        command.addAll(List.of("-af", filter));
      }
      command.addAll(List.of("-c:a", "libopus", "-ac", "1", "-ar", "48000", "-b:a", kbps + "k",
          "-application", "voip", "-f", "ogg", out.toString()));
      Commands.Result r = Commands.run(command, null, scratch, timeout);
      if (!r.ok() || !Files.isRegularFile(out) || Files.size(out) == 0) {
        throw new SpeechError("ffmpeg failed (exit " + r.exitCode() + "): " + r.errorOutput(), false);
      }
      return Files.readAllBytes(out);
    } catch (Commands.Failure e) {
      throw new SpeechError("ffmpeg: " + e.getMessage(), e.missing());
    } catch (IOException e) {
      throw new SpeechError("ffmpeg files: " + e.getMessage(), false);
    }
  }
}
