package dev.wabots.speech.control;

import jakarta.json.spi.JsonProvider;
import java.nio.file.Path;
import java.util.Optional;

/** Coqui XTTS v2 behind an XTTS API server: voice cloning from a reference recording per speaker. */
public final class Xtts implements TtsEngine {

  /** Looked up once: each {@code Json.create…} call would search the class path for a provider. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private final TtsServer server;

  public Xtts(TtsServer server) {
    this.server = server;
  }

  @Override
  public String id() {
    return "xtts";
  }

  @Override
  public Optional<String> problem() {
    return server.problem();
  }

  @Override
  public String detail() {
    return server.detail();
  }

  @Override
  public int maxChunkChars() {
    return 200; // XTTS warns and degrades past ~180-250 characters per call (language dependent)
  }

  @Override
  public boolean appliesPreset() {
    return false;
  }

  @Override
  public Wav synthesize(String text, String voice, String language, Preset preset, Path scratch) {
    String body = JSON.createObjectBuilder()
        .add("text", text).add("speaker_wav", voice).add("language", language).build().toString();
    XttsApi api = server.client(XttsApi.class);
    return HttpEngines.fetch(id(), () -> api.ttsToAudio(body));
  }
}
