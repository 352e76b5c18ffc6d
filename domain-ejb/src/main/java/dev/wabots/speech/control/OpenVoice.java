package dev.wabots.speech.control;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenVoice behind an OpenVoice server. The accent per bot language is configurable
 * ({@code wabots.tts.openvoice.accent.<language>}; defaults {@code en-newest} and {@code ru}).
 */
public final class OpenVoice implements TtsEngine {

  private final TtsServer server;
  private final Function<String, Optional<String>> config;

  public OpenVoice(TtsServer server, Function<String, Optional<String>> config) {
    this.server = server;
    this.config = config;
  }

  @Override
  public String id() {
    return "openvoice";
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
    return 400;
  }

  @Override
  public boolean appliesPreset() {
    return false;
  }

  @Override
  public Wav synthesize(String text, String voice, String language, Preset preset, Path scratch) {
    String accent = config.apply("wabots.tts.openvoice.accent." + language).orElse("en".equals(language) ? "en-newest" : language);
    OpenVoiceApi api = server.client(OpenVoiceApi.class);
    return HttpEngines.fetch(id(), () -> api.synthesize(text, voice, accent, 1.0));
  }
}
