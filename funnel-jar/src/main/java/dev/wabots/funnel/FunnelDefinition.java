package dev.wabots.funnel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.whatsapp.OutboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A funnel definition: every text, option, price, FAQ entry, GPU row, segment-matrix cell, payment
 * and contact setting of the funnel, as data. The jar ships one in Russian and one in English;
 * the orchestrator may supply another as JSON.
 *
 * <p>{@link #load}, {@link #parse(String)} and {@link #parse(InputStream)} validate and refuse a
 * broken definition with {@link InvalidDefinitionException}, listing every problem. {@link
 * #read(String)} only reads, for tools that want to show {@link #validate()}'s list.
 */
public final class FunnelDefinition {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final List<String> LANGUAGES = List.of("ru", "en");

  private final DefinitionData data;
  private volatile Screens screens;

  private FunnelDefinition(DefinitionData data) {
    this.data = data;
  }

  /**
   * Loads and validates the default definition shipped in the jar.
   *
   * @param language {@code "ru"} or {@code "en"}
   * @throws IllegalArgumentException for another language
   */
  public static FunnelDefinition load(String language) {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("no default funnel definition for language: " + language);
    }
    String resource = "definition-" + language + ".json";
    try (InputStream in = FunnelDefinition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JSON text of the default definition shipped in the jar, e.g. as the starting point of a
   * bot's own override.
   *
   * @param language {@code "ru"} or {@code "en"}
   */
  public static String defaultJson(String language) {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("no default funnel definition for language: " + language);
    }
    try (InputStream in = FunnelDefinition.class.getResourceAsStream("definition-" + language + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource definition-" + language + ".json");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and validates a definition from JSON text. */
  public static FunnelDefinition parse(String json) {
    return validated(read(json));
  }

  /** Reads and validates a definition from a UTF-8 JSON stream (not closed). */
  public static FunnelDefinition parse(InputStream json) {
    try {
      return validated(new FunnelDefinition(MAPPER.readValue(json, DefinitionData.class)));
    } catch (JacksonException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a definition without validating it.
   *
   * @throws InvalidDefinitionException only if the JSON cannot be read at all
   */
  public static FunnelDefinition read(String json) {
    try {
      return new FunnelDefinition(MAPPER.readValue(Objects.requireNonNull(json, "json"), DefinitionData.class));
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /** Every problem of this definition; empty when it is valid. */
  public List<DefinitionProblem> validate() {
    return new DefinitionValidator(data).problems();
  }

  /** The language of the texts, e.g. {@code ru}. */
  public String language() {
    return data.language();
  }

  /** The greeting triggers (compared case-insensitively after trimming). */
  public List<String> greetings() {
    return data.greetings();
  }

  /** The main menu (sent after an AI answer or a "a manager will answer" notice). */
  public OutboundMessage menu() {
    return screens().render(Screens.MENU, null, Map.of());
  }

  /**
   * The welcome screen.
   *
   * @param profileName the user's WhatsApp profile name for the greeting, or null
   */
  public OutboundMessage welcome(String profileName) {
    return screens().render(Screens.WELCOME, profileName, Map.of());
  }

  DefinitionData data() {
    return data;
  }

  Screens screens() {
    Screens current = screens;
    if (current == null) {
      current = new Screens(data);
      screens = current;
    }
    return current;
  }

  private static FunnelDefinition validated(FunnelDefinition definition) {
    List<DefinitionProblem> problems = definition.validate();
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    return definition;
  }

  private static InvalidDefinitionException malformed(JacksonException e) {
    String path =
        e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
            ? mapping.getPathReference()
            : "(json)";
    return new InvalidDefinitionException(
        List.of(new DefinitionProblem(path, DefinitionRule.MALFORMED, e.getOriginalMessage())));
  }
}
