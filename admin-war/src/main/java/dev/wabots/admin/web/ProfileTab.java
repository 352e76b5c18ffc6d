package dev.wabots.admin.web;

import dev.wabots.funnels.boundary.ProfileView;
import dev.wabots.funnels.boundary.Profiles;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Profile tab: the bot's business profile (contacts, links, YooMoney wallet and secret, the
 * prices its funnel quotes) as a form. Each input holds the bot's own value; an empty one falls
 * back to the funnel definition's default, shown as its placeholder. Only what changed is sent to
 * {@link Profiles#put} — the API's own use case, so the rules and their messages are the API's —
 * and the running bot then takes the profile, which the answer says.
 */
@Named
@ViewScoped
public class ProfileTab extends BotTab {

  private static final long serialVersionUID = 1L;
  /** The text fields of the form, by their API names, in the form's order. */
  static final List<String> TEXT_FIELDS = List.of("product_name", "contact_phone", "contact_email",
      "contact_messenger", "working_hours", "repository_url", "docs_url", "demo_url", "demo_login",
      "yoomoney_receiver");

  @Inject transient Profiles profiles;

  private ProfileView loaded;
  private final Map<String, String> values = new LinkedHashMap<>();
  private String yoomoneySecret;
  private List<Price> prices = new ArrayList<>();

  /** One quoted price: its name in the definition, what people call it, the bot's amount. */
  public static final class Price implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String label;
    private final Long loaded;
    private Long amount;

    Price(String name, String label, Long amount) {
      this.name = name;
      this.label = label;
      this.loaded = amount;
      this.amount = amount;
    }

    public String getName() {
      return name;
    }

    public String getLabel() {
      return label == null || label.isBlank() ? name : label;
    }

    public Long getAmount() {
      return amount;
    }

    public void setAmount(Long amount) {
      this.amount = amount;
    }
  }

  @Override
  protected void fill(InstanceView b) {
    try {
      show(profiles.get(b.id()));
    } catch (NotFound e) {
      loaded = null;
    }
  }

  private void show(ProfileView view) {
    loaded = view;
    values.clear();
    for (String field : TEXT_FIELDS) {
      Object own = view.profile().get(field);
      values.put(field, own == null ? null : own.toString());
    }
    yoomoneySecret = null;
    prices = new ArrayList<>();
    Map<String, Object> effective = amounts(view.effective());
    view.priceLabels().forEach((name, label) -> prices.add(new Price(name, label, number(effective.get(name)))));
  }

  public void save() {
    if (bot == null || loaded == null) {
      return;
    }
    Map<String, Object> changes = changes(loaded.profile(), values, yoomoneySecret, amounts(loaded.effective()), prices);
    if (changes.isEmpty()) {
      feedback.done("save.nothing");
      return;
    }
    try {
      show(profiles.put(bot.id(), Json.createObjectBuilder(changes).build().toString()));
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
      return;
    } catch (DomainException e) {
      feedback.refusedAsApi(e);
      return;
    }
    String applied = profiles.applyToRunningBot(bot.id());
    if (applied == null) {
      feedback.done("profile.saved.stopped");
    } else if (Profiles.APPLIED.equals(applied)) {
      feedback.done("profile.saved.applied");
    } else {
      feedback.done("profile.saved.not_applied", applied);
    }
  }

  /**
   * The JSON for {@link Profiles#put}: the text fields whose value differs from the bot's own (an
   * emptied one as {@code ""}), a secret typed in, prices whose amount differs from the effective one.
   */
  static Map<String, Object> changes(Map<String, Object> own, Map<String, String> values, String secret,
      Map<String, Object> effectivePrices, List<Price> prices) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (String field : TEXT_FIELDS) {
      String value = values.get(field) == null ? "" : values.get(field).strip();
      Object before = own.get(field);
      if (!value.equals(before == null ? "" : before.toString())) {
        json.put(field, value);
      }
    }
    if (secret != null && !secret.isEmpty()) {
      json.put("yoomoney_secret", secret);
    }
    Map<String, Object> changedPrices = new LinkedHashMap<>();
    for (Price p : prices) {
      if (p.amount != null && !Objects.equals(p.amount, number(effectivePrices.get(p.name)))) {
        changedPrices.put(p.name, p.amount);
      }
    }
    if (!changedPrices.isEmpty()) {
      json.put("prices", changedPrices);
    }
    return json;
  }

  /** Removes the stored YooMoney secret (the API's {@code ""}). */
  public void clearSecret() {
    if (bot == null) {
      return;
    }
    try {
      show(profiles.put(bot.id(), "{\"yoomoney_secret\":\"\"}"));
      profiles.applyToRunningBot(bot.id());
      feedback.done("secret.cleared", feedback.text("profile.yoomoney_secret"));
    } catch (DomainException e) {
      feedback.refusedAsApi(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> amounts(Map<String, Object> profile) {
    return profile.get("prices") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  /** The definition's default of a text field, for the input's placeholder. */
  public String fallback(String field) {
    if (loaded == null) {
      return "";
    }
    Object own = loaded.profile().get(field);
    Object effective = loaded.effective().get(field);
    return own == null && effective != null ? effective.toString() : "";
  }

  /** Whether a field still holds the shipped placeholder (the bot cannot go live with it). */
  public boolean placeholder(String field) {
    return loaded != null && loaded.placeholders().contains(field);
  }

  public List<String> getPlaceholders() {
    return loaded == null ? List.of() : loaded.placeholders();
  }

  public Map<String, String> getValues() {
    return values;
  }

  public List<Price> getPrices() {
    return prices;
  }

  public String getYoomoneySecret() {
    return yoomoneySecret;
  }

  public void setYoomoneySecret(String yoomoneySecret) {
    this.yoomoneySecret = yoomoneySecret;
  }

  public boolean isSecretSet() {
    return loaded != null && loaded.secretSet();
  }

  public String getSecretMask() {
    return loaded == null || loaded.profile().get("yoomoney_secret") == null ? ""
        : loaded.profile().get("yoomoney_secret").toString();
  }

  @Override
  public boolean isReady() {
    return super.isReady() && loaded != null;
  }
}
