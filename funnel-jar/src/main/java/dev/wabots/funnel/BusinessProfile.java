package dev.wabots.funnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The business profile of a bot: who sells (product name, contacts, working hours), the links the
 * funnel shows (repository, documentation, demo), the YooMoney wallet the payment link pays into and
 * the prices the funnel quotes. Funnel texts use these values through {@code {placeholders}} ({@code
 * {product_name}}, {@code {contact_phone}}, {@code {turnkey_install_price}} …), and the quote and the
 * payment link take their amounts from {@link #prices()}; nothing business-specific is hard-coded
 * in the texts.
 *
 * <p>The JSON form uses the snake_case names of the API ({@code product_name}, {@code
 * contact_email}, {@code prices} …, see {@link #toJson()} and {@link #fromJson(String)}). A field
 * left {@code null} (absent in JSON) means "not given": {@link #over(BusinessProfile)} fills it from
 * another profile, which is how a bot's stored profile is laid over its funnel definition's
 * defaults ({@link FunnelDefinition#defaultProfile()}, the seed's figures).
 *
 * <p>{@link #problems()} lists every malformed field; {@link #placeholders()} names the fields that
 * still hold the values shipped as placeholders (a bot must not go live with those).
 *
 * @param productName what the funnel sells, e.g. "AI-секретарь" (≤ 40 characters, one line)
 * @param contactPhone the manager's phone as customers should read it, e.g. "+7 999 123-45-67"
 * @param contactEmail the manager's e-mail
 * @param contactMessenger a link to write to the manager in a messenger, e.g. {@code https://t.me/name}
 * @param workingHours when a person answers, in words, e.g. "пн–пт, 10:00–19:00 (МСК)"
 * @param repositoryUrl the product's source repository (the DIY path's quick start clones it)
 * @param docsUrl the documentation (wiki)
 * @param demoUrl the online demo
 * @param demoLogin how to sign in to the demo as shown to customers, e.g. "demo / demo2024" (login and
 *     password of a read-only account: it is shown in chat)
 * @param yoomoneyReceiver the YooMoney wallet number the payment link pays into
 * @param yoomoneySecret the wallet's HTTP-notification secret; used to verify payment notifications,
 *     never by funnel texts, never in {@link #toString()}; null or blank when not set
 * @param prices the quoted prices in whole rubles by name; the names are declared by the funnel
 *     definition ({@code base}, {@code int_bitrix}, {@code turnkey_install}, {@code vps_month} …)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "product_name", "contact_phone", "contact_email", "contact_messenger", "working_hours", "repository_url",
  "docs_url", "demo_url", "demo_login", "yoomoney_receiver", "yoomoney_secret", "prices"
})
public record BusinessProfile(
    @JsonProperty("product_name") String productName,
    @JsonProperty("contact_phone") String contactPhone,
    @JsonProperty("contact_email") String contactEmail,
    @JsonProperty("contact_messenger") String contactMessenger,
    @JsonProperty("working_hours") String workingHours,
    @JsonProperty("repository_url") String repositoryUrl,
    @JsonProperty("docs_url") String docsUrl,
    @JsonProperty("demo_url") String demoUrl,
    @JsonProperty("demo_login") String demoLogin,
    @JsonProperty("yoomoney_receiver") String yoomoneyReceiver,
    @JsonProperty("yoomoney_secret") String yoomoneySecret,
    @JsonProperty("prices") Map<String, Long> prices) {

  /** The placeholder phone shipped in the default profiles. */
  public static final String PLACEHOLDER_PHONE = "+7 800 000-00-00";
  /** The placeholder e-mail shipped in the default profiles (a reserved example domain). */
  public static final String PLACEHOLDER_EMAIL = "sales@example.com";
  /** The placeholder messenger link shipped in the default profiles. */
  public static final String PLACEHOLDER_MESSENGER = "https://t.me/example_manager";
  /**
   * The placeholder wallet shipped in the default profiles. It fails YooMoney's check digits, so a
   * payment link built with it cannot pay anybody.
   */
  public static final String PLACEHOLDER_WALLET = "410000000000000";

  /** Field names in JSON order. */
  public static final List<String> FIELDS =
      List.of(
          "product_name", "contact_phone", "contact_email", "contact_messenger", "working_hours",
          "repository_url", "docs_url", "demo_url", "demo_login", "yoomoney_receiver", "yoomoney_secret",
          "prices");

  /** Upper bound of a price: catches a typed extra zero or two before customers see it. */
  public static final long MAX_PRICE = 100_000_000L;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]+");
  private static final Pattern PRICE_NAME = Pattern.compile("[a-z0-9_]+");
  private static final int MAX_NAME = 40;
  private static final int MAX_LINE = 80;
  private static final int MAX_URL = 200;

  /** Copies the price map (keeping its order); a null map stays null ("not given"). */
  public BusinessProfile {
    prices = prices == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  /**
   * The default profile of the funnel shipped for {@code language}: the seed's product name, links,
   * demo and prices, with placeholder contacts and wallet ({@link #placeholders()} names them).
   */
  public static BusinessProfile defaults(String language) {
    return FunnelDefinition.load(language).defaultProfile();
  }

  /**
   * Reads a profile from JSON with the snake_case field names. Absent fields are null ("not
   * given"); a field this class does not know is refused.
   *
   * @throws IllegalArgumentException if the text is not such a JSON object, naming the field
   */
  public static BusinessProfile fromJson(String json) {
    try {
      BusinessProfile profile = MAPPER.readValue(Objects.requireNonNull(json, "json"), BusinessProfile.class);
      if (profile == null) {
        throw new IllegalArgumentException("a business profile is a JSON object, got null");
      }
      return profile;
    } catch (JacksonException e) {
      String path = e instanceof JsonMappingException mapping ? mapping.getPathReference() : "(json)";
      throw new IllegalArgumentException("not a business profile: " + path + ": " + e.getOriginalMessage(), e);
    }
  }

  /** This profile as JSON with the snake_case field names; null fields are left out. */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy without the notification secret (e.g. for a GET that must not show it). */
  public BusinessProfile withoutSecret() {
    return new BusinessProfile(productName, contactPhone, contactEmail, contactMessenger, workingHours,
        repositoryUrl, docsUrl, demoUrl, demoLogin, yoomoneyReceiver, null, prices);
  }

  /** Whether a notification secret is set. */
  @JsonIgnore
  public boolean hasSecret() {
    return yoomoneySecret != null && !yoomoneySecret.isBlank();
  }

  /**
   * This profile laid over {@code base}: every field this profile gives replaces {@code base}'s;
   * prices are merged by name (this profile's amount wins). Use it for "absent fields kept" updates
   * and to complete a bot's stored profile with its definition's defaults.
   */
  public BusinessProfile over(BusinessProfile base) {
    Map<String, Long> merged = new LinkedHashMap<>();
    if (base.prices != null) {
      merged.putAll(base.prices);
    }
    if (prices != null) {
      merged.putAll(prices);
    }
    return new BusinessProfile(
        pick(productName, base.productName), pick(contactPhone, base.contactPhone),
        pick(contactEmail, base.contactEmail), pick(contactMessenger, base.contactMessenger),
        pick(workingHours, base.workingHours), pick(repositoryUrl, base.repositoryUrl), pick(docsUrl, base.docsUrl),
        pick(demoUrl, base.demoUrl), pick(demoLogin, base.demoLogin), pick(yoomoneyReceiver, base.yoomoneyReceiver),
        pick(yoomoneySecret, base.yoomoneySecret), base.prices == null && prices == null ? null : merged);
  }

  /** The price named {@code name}, if this profile has it. */
  public Optional<Long> price(String name) {
    return Optional.ofNullable(prices == null ? null : prices.get(name));
  }

  /**
   * Every malformed or missing field, each with a message; empty when the profile is complete and
   * well-formed. The secret is optional. A field still holding its shipped placeholder is not a
   * problem here (the placeholder wallet deliberately fails YooMoney's check digits): {@link
   * #placeholders()} reports those.
   */
  public List<ProfileProblem> problems() {
    List<ProfileProblem> problems = new ArrayList<>();
    line(problems, "product_name", productName, MAX_NAME);
    if (line(problems, "contact_phone", contactPhone, 30)) {
      long digits = contactPhone.chars().filter(Character::isDigit).count();
      if (!PHONE.matcher(contactPhone).matches() || digits < 5 || digits > 15) {
        problems.add(new ProfileProblem("contact_phone",
            "a phone number has 5-15 digits and may use +, spaces, brackets and dashes, got " + contactPhone));
      }
    }
    if (line(problems, "contact_email", contactEmail, 254) && !EMAIL.matcher(contactEmail).matches()) {
      problems.add(new ProfileProblem("contact_email", "not an e-mail address: " + contactEmail));
    }
    url(problems, "contact_messenger", contactMessenger);
    line(problems, "working_hours", workingHours, MAX_LINE);
    url(problems, "repository_url", repositoryUrl);
    url(problems, "docs_url", docsUrl);
    url(problems, "demo_url", demoUrl);
    line(problems, "demo_login", demoLogin, 60);
    if (line(problems, "yoomoney_receiver", yoomoneyReceiver, YooMoneyWallet.MAX_LENGTH + 10)
        && !PLACEHOLDER_WALLET.equals(yoomoneyReceiver)) {
      String wrong = YooMoneyWallet.problem(yoomoneyReceiver);
      if (wrong != null) {
        problems.add(new ProfileProblem("yoomoney_receiver", wrong + ": " + yoomoneyReceiver));
      }
    }
    if (yoomoneySecret != null && !yoomoneySecret.isEmpty()
        && (yoomoneySecret.length() > 200 || !yoomoneySecret.strip().equals(yoomoneySecret))) {
      problems.add(new ProfileProblem("yoomoney_secret", "at most 200 characters, without leading or trailing spaces"));
    }
    prices(problems);
    return List.copyOf(problems);
  }

  /**
   * The fields still holding the values shipped as placeholders — contacts and wallet — plus the
   * notification secret when it is not set: a bot must not go live until they are filled. Empty
   * when the profile is the business's own.
   */
  public List<String> placeholders() {
    List<String> left = new ArrayList<>();
    if (contactPhone == null || PLACEHOLDER_PHONE.equals(contactPhone)) {
      left.add("contact_phone");
    }
    if (contactEmail == null || PLACEHOLDER_EMAIL.equalsIgnoreCase(contactEmail)) {
      left.add("contact_email");
    }
    if (contactMessenger == null || PLACEHOLDER_MESSENGER.equals(contactMessenger)) {
      left.add("contact_messenger");
    }
    if (yoomoneyReceiver == null || PLACEHOLDER_WALLET.equals(yoomoneyReceiver)) {
      left.add("yoomoney_receiver");
    }
    if (!hasSecret()) {
      left.add("yoomoney_secret");
    }
    return List.copyOf(left);
  }

  /** The profile with the secret masked: safe to log. */
  @Override
  public String toString() {
    return "BusinessProfile[product_name=" + productName + ", contact_phone=" + contactPhone + ", contact_email="
        + contactEmail + ", contact_messenger=" + contactMessenger + ", working_hours=" + workingHours
        + ", repository_url=" + repositoryUrl + ", docs_url=" + docsUrl + ", demo_url=" + demoUrl + ", demo_login="
        + demoLogin + ", yoomoney_receiver=" + yoomoneyReceiver + ", yoomoney_secret="
        + (hasSecret() ? "(set)" : "(not set)") + ", prices=" + prices + "]";
  }

  private void prices(List<ProfileProblem> problems) {
    if (prices == null) {
      problems.add(new ProfileProblem("prices", "missing"));
      return;
    }
    prices.forEach((name, amount) -> {
      String field = "prices." + name;
      if (name == null || !PRICE_NAME.matcher(name).matches()) {
        problems.add(new ProfileProblem(field, "a price name is [a-z0-9_]+"));
      } else if (amount == null) {
        problems.add(new ProfileProblem(field, "missing"));
      } else if (amount <= 0) {
        problems.add(new ProfileProblem(field, "prices must be positive, got " + amount));
      } else if (amount > MAX_PRICE) {
        problems.add(new ProfileProblem(field, "at most " + MAX_PRICE + " ₽, got " + amount));
      }
    });
  }

  /** Checks a required one-line text; returns whether it is present and fits. */
  private static boolean line(List<ProfileProblem> problems, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      problems.add(new ProfileProblem(field, "missing or blank"));
      return false;
    }
    if (value.codePointCount(0, value.length()) > max) {
      problems.add(new ProfileProblem(field, "at most " + max + " characters, got "
          + value.codePointCount(0, value.length())));
      return false;
    }
    if (value.contains("\n") || value.contains("\r") || !value.strip().equals(value)) {
      problems.add(new ProfileProblem(field, "one line, without leading or trailing spaces"));
      return false;
    }
    return true;
  }

  private static void url(List<ProfileProblem> problems, String field, String value) {
    if (!line(problems, field, value, MAX_URL)) {
      return;
    }
    if (!isWebUrl(value)) {
      problems.add(new ProfileProblem(field, "must be an absolute http(s) URL, got " + value));
    }
  }

  /** Whether {@code value} is an absolute http(s) URL with a host and no spaces. */
  static boolean isWebUrl(String value) {
    try {
      URI uri = new URI(value);
      return uri.getHost() != null && uri.getHost().contains(".")
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String pick(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
