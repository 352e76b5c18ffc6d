package dev.wabots.llm.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default persona prompts (a sales assistant for the self-hosted "AI secretary"), one per bot
 * language, used when a bot has no {@code system_prompt} of its own. Resources next to this class.
 */
public final class Personas {

  private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

  private Personas() {}

  /** The prompt for {@code ru} or {@code en}; anything else gets Russian, the fleet's default. */
  public static String defaultPrompt(String language) {
    String lang = "en".equals(language) ? "en" : "ru";
    return LOADED.computeIfAbsent(lang, Personas::load);
  }

  private static String load(String lang) {
    String name = "persona-" + lang + ".txt";
    try (InputStream in = Personas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("persona resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
