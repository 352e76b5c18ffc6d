package dev.wabots.funnels.boundary;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.funnel.BusinessProfile;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.ProfileProblem;
import dev.wabots.funnels.control.ProfileStore;
import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.StrictJson;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bot's business profile — contacts, links, YooMoney wallet and secret, prices — read and changed
 * by the people who may see and change the bot. A change keeps the fields it leaves out, is refused
 * with every bad field named, is audited (field names, never the secret), and reaches the running
 * bot without a restart.
 */
@Stateless
public class Profiles {

  static final ObjectMapper JSON = new ObjectMapper();
  /** {@link #applyToRunningBot}: the running bot took the change. */
  public static final String APPLIED = "the running bot uses it now";
  static final int MAX_CHARS = 20_000;

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject ProfileStore store;

  @Inject AuditLog audit;

  @Inject BotProcesses processes;

  public ProfileView get(String id) {
    return view(InstanceAccess.visible(em, id, callers.current()));
  }

  /**
   * Lays {@code json} (profile fields in snake_case; absent ones kept, {@code ""} clears the secret;
   * the secret's mask as shown keeps it) over the bot's profile and stores it.
   */
  public ProfileView put(String id, String json) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    if (json == null || json.isBlank()) {
      throw Invalid.of("profile", "is required: a JSON object of profile fields");
    }
    if (json.length() > MAX_CHARS) {
      throw Invalid.of("profile", "is longer than " + MAX_CHARS + " characters");
    }
    try {
      StrictJson.read(json);
    } catch (StrictJson.MalformedJson e) {
      throw Invalid.of("profile", e.getMessage());
    }
    BusinessProfile given;
    try {
      given = BusinessProfile.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw Invalid.of(field(e.getMessage()), e.getMessage());
    }
    BusinessProfile before = store.withSecret(bot);
    if (given.yoomoneySecret() != null && before.yoomoneySecret() != null
        && given.yoomoneySecret().equals(InstanceView.mask(before.yoomoneySecret()))) {
      given = new BusinessProfile(given.productName(), given.contactPhone(), given.contactEmail(),
          given.contactMessenger(), given.workingHours(), given.repositoryUrl(), given.docsUrl(), given.demoUrl(),
          given.demoLogin(), given.yoomoneyReceiver(), null, given.prices());
    }
    BusinessProfile merged = given.over(before);
    FunnelDefinition definition = store.definition(bot);
    List<FieldError> errors = new ArrayList<>();
    for (ProfileProblem p : definition.profileProblems(merged)) {
      errors.add(new FieldError(p.field(), p.message()));
    }
    if (errors.isEmpty() && bot.mode() == WhatsAppInstance.Mode.LIVE) {
      List<String> left = merged.over(definition.defaultProfile()).placeholders();
      if (!left.isEmpty()) {
        errors.add(new FieldError(left.get(0), "the bot is live: " + String.join(", ", left)
            + " may not go back to the shipped placeholders (switch the bot to sandbox first)"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    store.store(bot, merged);
    audit.record(caller.username(), "instance.profile_changed", bot.id(),
        AuditLog.details("fields", changed(before, merged)));
    return view(bot);
  }

  /**
   * The running bot takes its current definition and profile (a separate step, after the change is
   * committed, so that the bot reads it).
   *
   * @return what happened, for people: null when the bot is not running
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public String applyToRunningBot(String id) {
    if (processes.address(id).isEmpty()) {
      return null;
    }
    try {
      var answer = processes.callBot(id, "/internal/funnel/reload", "");
      var result = dev.wabots.contract.ContractJson.read(answer.body(), dev.wabots.contract.CommandResult.class);
      return answer.status() == 200 ? APPLIED : result.message();
    } catch (RuntimeException e) {
      return "the running bot did not take it (" + e.getMessage() + "); it will when it restarts";
    }
  }

  /** Field names whose values differ ({@code prices.name} for prices); the secret by name only. */
  static List<String> changed(BusinessProfile before, BusinessProfile after) {
    Map<String, Object> a = map(before);
    Map<String, Object> b = map(after);
    List<String> names = new ArrayList<>();
    for (String field : BusinessProfile.FIELDS) {
      if (field.equals("prices")) {
        Map<String, Long> pa = before.prices() == null ? Map.of() : before.prices();
        Map<String, Long> pb = after.prices() == null ? Map.of() : after.prices();
        pb.forEach((name, amount) -> {
          if (!amount.equals(pa.get(name))) {
            names.add("prices." + name);
          }
        });
      } else if (!Objects.equals(a.get(field), b.get(field))) {
        names.add(field);
      }
    }
    return names;
  }

  private ProfileView view(WhatsAppInstance bot) {
    BusinessProfile own = store.withSecret(bot);
    FunnelDefinition definition = store.definition(bot);
    BusinessProfile effective = own.over(definition.defaultProfile());
    return new ProfileView(bot.id(), masked(own), masked(effective), effective.placeholders(),
        definition.priceLabels(), own.hasSecret(), null);
  }

  private static Map<String, Object> masked(BusinessProfile profile) {
    Map<String, Object> map = map(profile);
    if (profile.hasSecret()) {
      map.put("yoomoney_secret", InstanceView.mask(profile.yoomoneySecret()));
    }
    return map;
  }

  static Map<String, Object> map(BusinessProfile profile) {
    try {
      return JSON.readValue(profile.toJson(), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The field a "not a business profile: path: message" names, else {@code profile}. */
  private static String field(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([a-z_]+)\"").matcher(message);
    return m.find() ? m.group(1) : "profile";
  }
}
