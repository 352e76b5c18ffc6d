package dev.wabots.speech.control;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bot's voice name ({@code anna}, {@code marina}) as each engine knows it, per bot language.
 * Configurable as {@code wabots.tts.voices.<engine>.<voice>.<language>} (or without the language);
 * a name with no mapping is passed to the engine as it is (e.g. an XTTS speaker file name).
 */
public final class Voices {

  static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("espeak.anna.ru", "ru+f3"),
      Map.entry("espeak.anna.en", "en+f3"),
      Map.entry("espeak.marina.ru", "ru+f4"),
      Map.entry("espeak.marina.en", "en+f4"),
      // Piper has one female Russian voice (irina); both names use it until another is configured.
      Map.entry("piper.anna.ru", "ru_RU-irina-medium"),
      Map.entry("piper.anna.en", "en_US-amy-medium"),
      Map.entry("piper.marina.ru", "ru_RU-irina-medium"),
      Map.entry("piper.marina.en", "en_US-kristin-medium"),
      // XTTS and OpenVoice clone a reference recording the server keeps under that name.
      Map.entry("xtts.anna", "anna"),
      Map.entry("xtts.marina", "marina"),
      Map.entry("openvoice.anna", "anna"),
      Map.entry("openvoice.marina", "marina"));

  private final Function<String, Optional<String>> config;

  /** @param config looks up a configuration key, e.g. {@code ConfigProvider.getConfig()::getOptionalValue} */
  public Voices(Function<String, Optional<String>> config) {
    this.config = config;
  }

  public String resolve(String engine, String voice, String language) {
    String withLanguage = engine + "." + voice + "." + language;
    String plain = engine + "." + voice;
    return config.apply("wabots.tts.voices." + withLanguage)
        .or(() -> config.apply("wabots.tts.voices." + plain))
        .or(() -> Optional.ofNullable(DEFAULTS.get(withLanguage)))
        .or(() -> Optional.ofNullable(DEFAULTS.get(plain)))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .orElse(voice);
  }
}
