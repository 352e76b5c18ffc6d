package dev.wabots.speech.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** ffprobe and ffmpeg for customers' voice notes: how long a note is, and another format for an engine. */
public final class AudioTool {

  private static final Map<String, String> EXTENSIONS = Map.of(
      "audio/ogg", "ogg", "audio/mpeg", "mp3", "audio/mp4", "m4a", "audio/aac", "aac", "audio/amr", "amr",
      "audio/wav", "wav", "audio/x-wav", "wav", "audio/webm", "webm", "audio/flac", "flac");

  private final String ffmpeg;
  private final String ffprobe;
  private final Duration timeout;
  private final ToolCheck check;

  public AudioTool(String ffmpeg, String ffprobe, Duration timeout) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
    this.timeout = timeout;
    this.check = new ToolCheck(this::probe);
  }

  /** Empty when ffmpeg and ffprobe run; otherwise why not. */
  public Optional<String> problem() {
    return check.problem();
  }

  public String detail() {
    return check.detail();
  }

  private Optional<String> probe() {
    Path scratch = Commands.scratch();
    try {
      for (String binary : List.of(ffmpeg, ffprobe)) {
        Commands.Result r = Commands.run(List.of(binary, "-hide_banner", "-version"), null, scratch, Duration.ofSeconds(15));
        if (!r.ok()) {
          return Optional.of(binary + " -version failed (exit " + r.exitCode() + "): " + r.errorOutput());
        }
      }
      check.detail("ffmpeg (" + ffmpeg + ") and ffprobe (" + ffprobe + ")");
      return Optional.empty();
    } catch (Commands.Failure e) {
      return Optional.of(e.missing() ? "ffmpeg or ffprobe not found; install them: apt-get install ffmpeg" : e.getMessage());
    } finally {
      Commands.delete(scratch);
    }
  }

  /** The note's length in seconds, if ffprobe can tell. */
  public OptionalDouble seconds(byte[] data, String extension) {
    if (problem().isPresent()) {
      return OptionalDouble.empty();
    }
    Path scratch = Commands.scratch();
    try {
      Path in = scratch.resolve("in." + extension);
      Files.write(in, data);
      Commands.Result r = Commands.run(List.of(ffprobe, "-v", "error", "-show_entries", "format=duration", "-of",
          "default=noprint_wrappers=1:nokey=1", in.toString()), null, scratch, timeout);
      if (!r.ok()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(Double.parseDouble(r.output().strip()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException | Commands.Failure e) {
      return OptionalDouble.empty();
    } finally {
      Commands.delete(scratch);
    }
  }

  /** The audio converted to {@code format} (mono 16 kHz, what speech engines want). */
  public byte[] convert(byte[] data, String fromExtension, String format) {
    Path scratch = Commands.scratch();
    try {
      Path in = scratch.resolve("in." + fromExtension);
      Path out = scratch.resolve("out." + format);
      Files.write(in, data);
      Commands.Result r = Commands.run(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", in.toString(),
          "-ac", "1", "-ar", "16000", out.toString()), null, scratch, timeout);
      if (!r.ok()) {
        throw new SpeechError("ffmpeg could not convert the voice note to " + format + ": " + r.errorOutput(), false);
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Commands.Failure e) {
      throw new SpeechError(e.getMessage(), e.missing());
    } finally {
      Commands.delete(scratch);
    }
  }

  /**
   * A recording (e.g. a browser's WebM) as a WhatsApp voice note: OGG/Opus, mono, 48 kHz.
   *
   * @throws SpeechError ffmpeg missing ({@link SpeechError#unavailable()}) or the data not audio it reads
   */
  public byte[] voiceNote(byte[] data, String fromExtension) {
    Path scratch = Commands.scratch();
    try {
      Path in = scratch.resolve("in." + fromExtension);
      Path out = scratch.resolve("out.ogg");
      Files.write(in, data);
      Commands.Result r = Commands.run(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", in.toString(),
          "-vn", "-ac", "1", "-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", out.toString()), null,
          scratch, timeout);
      if (!r.ok()) {
        throw new SpeechError("not audio ffmpeg can read: " + r.errorOutput(), false);
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Commands.Failure e) {
      throw new SpeechError(e.missing() ? "ffmpeg not found; install it: apt-get install ffmpeg" : e.getMessage(),
          e.missing());
    } finally {
      Commands.delete(scratch);
    }
  }

  /** {@code audio/ogg; codecs=opus} → {@code ogg}. */
  public static String extension(String mimeType) {
    String base = mimeType == null ? "" : mimeType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return EXTENSIONS.getOrDefault(base, "ogg");
  }

  public static String mimeOf(String extension) {
    return switch (extension) {
      case "wav" -> "audio/wav";
      case "mp3" -> "audio/mpeg";
      case "flac" -> "audio/flac";
      case "webm" -> "audio/webm";
      case "m4a" -> "audio/mp4";
      default -> "audio/ogg";
    };
  }
}
