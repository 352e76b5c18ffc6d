package dev.wabots.speech.control;

import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Piper: the {@code piper} binary with a voice model file {@code <models-dir>/<voice>.onnx} when
 * {@code wabots.tts.piper.binary} is set (text on stdin), otherwise a Piper HTTP server at
 * {@code wabots.tts.piper.url}. Presets are applied by ffmpeg.
 */
public final class Piper implements TtsEngine {

  /** Looked up once: each {@code Json.create…} call would search the class path for a provider. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private final TtsServer server;
  private final Optional<String> binary;
  private final Path modelsDir;
  private final Duration timeout;
  private final ToolCheck binaryCheck;

  public Piper(TtsServer server, Optional<String> binary, Path modelsDir, Duration timeout) {
    this.server = server;
    this.binary = binary.map(String::strip).filter(s -> !s.isEmpty());
    this.modelsDir = modelsDir;
    this.timeout = timeout;
    this.binaryCheck = new ToolCheck(this::probeBinary);
  }

  @Override
  public String id() {
    return "piper";
  }

  @Override
  public Optional<String> problem() {
    return binary.isPresent() ? binaryCheck.problem() : server.problem()
        .map(p -> p.startsWith("not configured") ? "not configured: set wabots.tts.piper.binary or wabots.tts.piper.url" : p);
  }

  @Override
  public String detail() {
    return binary.isPresent() ? binaryCheck.detail() : server.detail();
  }

  @Override
  public int maxChunkChars() {
    return 1000;
  }

  @Override
  public boolean appliesPreset() {
    return false;
  }

  private Optional<String> probeBinary() {
    Path scratch = Commands.scratch();
    try {
      Commands.Result r = Commands.run(List.of(binary.get(), "--help"), null, scratch, Duration.ofSeconds(10));
      if (!r.ok()) {
        return Optional.of(binary.get() + " --help failed (exit " + r.exitCode() + "): " + r.errorOutput());
      }
      binaryCheck.detail("piper binary " + binary.get() + ", models in " + modelsDir);
      return Optional.empty();
    } catch (Commands.Failure e) {
      return Optional.of(e.missing() ? "'" + binary.get() + "' not found (wabots.tts.piper.binary)" : e.getMessage());
    } finally {
      Commands.delete(scratch);
    }
  }

  @Override
  public Wav synthesize(String text, String voice, String language, Preset preset, Path scratch) {
    if (binary.isEmpty()) {
      String body = JSON.createObjectBuilder().add("text", text).add("voice", voice).build().toString();
      PiperApi api = server.client(PiperApi.class);
      return HttpEngines.fetch(id(), () -> api.synthesize(body));
    }
    Path model = modelsDir.resolve(voice + ".onnx");
    if (!Files.isRegularFile(model)) {
      throw new SpeechError("piper voice model " + model + " not found (voice '" + voice + "')", true);
    }
    Path out = scratch.resolve("piper-" + System.nanoTime() + ".wav");
    try {
      Commands.Result r = Commands.run(List.of(binary.get(), "--model", model.toString(), "--output_file", out.toString()),
          text.getBytes(StandardCharsets.UTF_8), scratch, timeout);
      if (!r.ok() || !Files.isRegularFile(out)) {
        throw new SpeechError("piper failed (exit " + r.exitCode() + "): " + r.errorOutput(), false);
      }
      return Wav.parse(Files.readAllBytes(out));
    } catch (Commands.Failure e) {
      throw new SpeechError("piper: " + e.getMessage(), e.missing());
    } catch (IOException e) {
      throw new SpeechError("piper output unreadable: " + e.getMessage(), false);
    }
  }
}
