package dev.wabots.funnel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.whatsapp.OutboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A funnel definition: every text, option, FAQ entry, GPU row, segment-matrix cell and payment
 * setting of the funnel, the prices it quotes (names, labels, default amounts) and the default
 * {@link BusinessProfile}, as data. The jar ships one in Russian and one in English; the
 * orchestrator may supply another as JSON.
 *
 * <p>A definition is bound to a business profile whose values fill the texts' {@code
 * {placeholders}} and the quote: {@link #defaultProfile()} unless {@link
 * #withProfile(BusinessProfile)} lays a bot's own over it. {@link #load}, {@link #parse(String)} and
 * {@link #parse(InputStream)} validate and refuse a broken definition with {@link
 * InvalidDefinitionException}, listing every problem. {@link #read(String)} only reads, for tools
 * that want to show {@link #validate()}'s list.
 */
public final class FunnelDefinition {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final List<String> LANGUAGES = List.of("ru", "en");

  private final DefinitionData data;
  private final BusinessProfile profile;
  private volatile Screens screens;

  private FunnelDefinition(DefinitionData data) {
    this.data = data;
    this.profile = defaultProfile(data);
  }

  private FunnelDefinition(DefinitionData data, BusinessProfile profile) {
    this.data = data;
    this.profile = profile;
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
      return validated(bind(MAPPER.readTree(json)));
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
      return bind(MAPPER.readTree(Objects.requireNonNull(json, "json")));
    } catch (JacksonException e) {
      throw malformed(e);
    }
  }

  /**
   * Binds a JSON tree. A version-1 definition (before the business profile) is refused with what
   * moved, rather than with the first field version 2 no longer knows.
   */
  private static FunnelDefinition bind(com.fasterxml.jackson.databind.JsonNode tree) throws JacksonException {
    if (tree != null && tree.path("schemaVersion").isInt() && tree.path("schemaVersion").asInt() == 1) {
      throw new InvalidDefinitionException(List.of(new DefinitionProblem("schemaVersion", DefinitionRule.INVALID_VALUE,
          DefinitionValidator.VERSION_1)));
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidDefinitionException(List.of(new DefinitionProblem("(json)", DefinitionRule.MALFORMED,
          "a funnel definition is a JSON object")));
    }
    return new FunnelDefinition(MAPPER.treeToValue(tree, DefinitionData.class));
  }

  /**
   * Every problem of this definition with the profile it is bound to; empty when it is valid. With
   * a bot's own profile bound, {@code profile.*} nodes name that profile's fields.
   */
  public List<DefinitionProblem> validate() {
    return new DefinitionValidator(data, profile).problems();
  }

  /**
   * This definition with a bot's business profile laid over the {@link #defaultProfile()}: fields
   * and prices the profile leaves out keep the defaults. Not validated here; {@link
   * #profileProblems} and {@link FunnelEngine}'s constructor check the combination.
   */
  public FunnelDefinition withProfile(BusinessProfile own) {
    return new FunnelDefinition(data, Objects.requireNonNull(own, "own").over(defaultProfile(data)));
  }

  /**
   * The profile this definition's texts are filled from: its defaults, or a bot's own laid over
   * them ({@link #withProfile}).
   */
  public BusinessProfile profile() {
    return profile;
  }

  /**
   * The definition's default profile: the {@code profile} block (the seed's product name, links and
   * demo, placeholder contacts and wallet) with the default amount of every declared price.
   */
  public BusinessProfile defaultProfile() {
    return defaultProfile(data);
  }

  /** The prices this definition quotes, by name, with the labels people see when editing them. */
  public Map<String, String> priceLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    data.prices().forEach((name, price) -> labels.put(name, price == null ? null : price.label()));
    return Collections.unmodifiableMap(labels);
  }

  /** The effective prices: the bound profile's amount of each declared price, else its default. */
  public Map<String, Long> prices() {
    return Collections.unmodifiableMap(Figures.prices(data, profile));
  }

  /**
   * What is wrong with {@code own} as a bot's profile for this definition: its malformed fields
   * ({@link BusinessProfile#problems()} of the profile completed with the defaults), prices this
   * definition does not quote, and messages that would break a WhatsApp limit or keep a
   * placeholder once filled with it (field {@code profile}, the message names the screen). Empty
   * when the bot can run with it.
   */
  public List<ProfileProblem> profileProblems(BusinessProfile own) {
    BusinessProfile effective = Objects.requireNonNull(own, "own").over(defaultProfile(data));
    List<ProfileProblem> problems = new ArrayList<>(effective.problems());
    if (own.prices() != null) {
      own.prices().keySet().stream()
          .filter(name -> !data.prices().containsKey(name))
          .forEach(name -> problems.add(new ProfileProblem("prices." + name,
              "this funnel quotes no price named " + name + "; it quotes " + data.prices().keySet())));
    }
    if (problems.isEmpty()) {
      // Only what this profile breaks: the definition's own problems are not the profile's.
      Set<DefinitionProblem> already =
          new HashSet<>(new DefinitionValidator(data, defaultProfile(data)).problems());
      for (DefinitionProblem problem : new DefinitionValidator(data, effective).problems()) {
        if (!already.contains(problem)) {
          problems.add(new ProfileProblem("profile", "with this profile, " + problem));
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The placeholder values every screen can use, filled from the bound profile: profile fields,
   * prices ({@code {name_price}}, {@code {name_price_short}}), savings figures and the price list.
   */
  public Map<String, String> placeholderValues() {
    return new TreeMap<>(screens().globals());
  }

  /**
   * The {@code {placeholders}} of a screen's texts (body, header, footer, buttons, list) in order
   * of appearance, each with the value it gets: a profile or price value, or — for values that
   * depend on the conversation, like the customer's name or the payment link — an example.
   *
   * @throws IllegalArgumentException if the definition has no such screen
   */
  public List<Placeholder> placeholders(String screen) {
    return screens().placeholders(screen);
  }

  /**
   * Screens nothing sends: not sent by the engine, not in a route reached from a reply id that a
   * sent screen offers. Not an error (a screen may be work in progress); the editor lists them.
   */
  public Set<String> unreachableScreens() {
    return new Reachability(data).unreachable();
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
   * Renders screen {@code key} with the bound profile, for screens the bot sends itself — e.g. the
   * result screens named by a {@link DraftRequest} — and for previews.
   *
   * @param profileName the customer's WhatsApp profile name for {@code {greeting}}, or null
   * @throws IllegalArgumentException if the definition has no such screen
   * @throws IllegalStateException if the screen needs a value only the conversation has (such as
   *     {@code {payment_link}}) — such screens are the engine's to send
   */
  public OutboundMessage render(String key, String profileName) {
    if (!screens().has(key)) {
      throw new IllegalArgumentException("the definition has no screen '" + key + "'");
    }
    OutboundMessage message = screens().render(key, profileName, Map.of());
    for (String text : MessageCheck.texts(message)) {
      String left = Placeholders.firstUnresolved(text);
      if (left != null) {
        throw new IllegalStateException("screen '" + key + "' needs " + left + ", which only the conversation has");
      }
    }
    return message;
  }

  /**
   * The confirmation the bot sends when the customer's payment arrived ({@code {paid_amount}} is
   * the amount paid), or empty if this definition has no {@code payment_received} screen.
   *
   * @param profileName the customer's WhatsApp profile name for {@code {greeting}}, or null
   */
  public Optional<OutboundMessage> paymentReceived(java.math.BigDecimal amount, String profileName) {
    if (!screens().has(FunnelMessages.PAYMENT_RECEIVED)) {
      return Optional.empty();
    }
    return Optional.of(new FunnelMessages(screens()).paymentReceived(Objects.requireNonNull(amount, "amount"),
        profileName));
  }

  /**
   * The echo of a voice note the bot heard ({@code {transcript}}, cut to 3000 characters): this
   * definition's {@code voice_heard} screen, or — for a definition without one — the default
   * definition's of its language; empty when neither has it.
   *
   * @param profileName the customer's WhatsApp profile name for {@code {greeting}}, or null
   */
  public Optional<OutboundMessage> heard(String transcript, String profileName) {
    if (screens().has(FunnelMessages.VOICE_HEARD)) {
      return Optional.of(new FunnelMessages(screens()).heard(transcript, profileName));
    }
    String language = data.language();
    if (!LANGUAGES.contains(language)) {
      return Optional.empty();
    }
    FunnelDefinition shipped = DEFAULTS.computeIfAbsent(language, FunnelDefinition::load);
    return shipped == this || !shipped.screens().has(FunnelMessages.VOICE_HEARD) ? Optional.empty()
        : shipped.heard(transcript, profileName);
  }

  /** The shipped definitions, loaded when a definition without an echo screen needs theirs. */
  private static final java.util.concurrent.ConcurrentMap<String, FunnelDefinition> DEFAULTS =
      new java.util.concurrent.ConcurrentHashMap<>();

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
      current = new Screens(data, profile);
      screens = current;
    }
    return current;
  }

  private static BusinessProfile defaultProfile(DefinitionData data) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    data.prices().forEach((name, price) -> {
      if (price != null && price.amount() != null) {
        amounts.put(name, price.amount());
      }
    });
    BusinessProfile block = data.profile();
    BusinessProfile prices = new BusinessProfile(null, null, null, null, null, null, null, null, null, null, null, amounts);
    return block == null ? prices : new BusinessProfile(block.productName(), block.contactPhone(),
        block.contactEmail(), block.contactMessenger(), block.workingHours(), block.repositoryUrl(), block.docsUrl(),
        block.demoUrl(), block.demoLogin(), block.yoomoneyReceiver(), block.yoomoneySecret(), amounts);
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
