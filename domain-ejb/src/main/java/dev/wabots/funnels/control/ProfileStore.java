package dev.wabots.funnels.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabots.funnel.BusinessProfile;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.InvalidDefinitionException;
import dev.wabots.funnels.entity.FunnelOverride;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bot's business profile as stored (JSON in its row, the YooMoney secret sealed for that bot) and
 * the funnel definition it is laid over: the bot's own definition, else the default of its
 * language. The definition a bot runs is that definition with the profile written into its
 * {@code profile} and {@code prices} blocks — never the secret, which stays here for payments.
 */
@ApplicationScoped
public class ProfileStore {

  static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;

  @Inject Secrets secrets;

  /** The bot's own profile without the secret; an empty profile when none was set. */
  public BusinessProfile own(WhatsAppInstance bot) {
    return stored(bot).withoutSecret();
  }

  /** The bot's YooMoney notification secret, opened; empty when not set. */
  public Optional<String> secret(WhatsAppInstance bot) {
    String sealed = stored(bot).yoomoneySecret();
    return sealed == null || sealed.isEmpty() ? Optional.empty() : Optional.of(secrets.open(purpose(bot.id()), sealed));
  }

  /** The bot's own profile with its secret opened (for "absent fields kept" updates). */
  public BusinessProfile withSecret(WhatsAppInstance bot) {
    BusinessProfile own = stored(bot);
    return new BusinessProfile(own.productName(), own.contactPhone(), own.contactEmail(), own.contactMessenger(),
        own.workingHours(), own.repositoryUrl(), own.docsUrl(), own.demoUrl(), own.demoLogin(), own.yoomoneyReceiver(),
        secret(bot).orElse(null), own.prices());
  }

  /** Stores {@code profile} (its secret sealed; a blank secret clears it). */
  public void store(WhatsAppInstance bot, BusinessProfile profile) {
    String secret = profile.yoomoneySecret();
    BusinessProfile sealed = new BusinessProfile(profile.productName(), profile.contactPhone(), profile.contactEmail(),
        profile.contactMessenger(), profile.workingHours(), profile.repositoryUrl(), profile.docsUrl(),
        profile.demoUrl(), profile.demoLogin(), profile.yoomoneyReceiver(),
        secret == null || secret.isBlank() ? null : secrets.seal(purpose(bot.id()), secret), profile.prices());
    bot.useProfile(sealed.toJson());
  }

  /** The definition the bot's profile is laid over: its own (if readable), else its language's default. */
  public FunnelDefinition definition(WhatsAppInstance bot) {
    FunnelOverride own = em.find(FunnelOverride.class, bot.id());
    if (own != null) {
      try {
        return FunnelDefinition.read(own.definition());
      } catch (InvalidDefinitionException e) {
        // stored before a schema change: the bot runs its default, so check against that
      }
    }
    return FunnelDefinition.load(bot.language());
  }

  /** The profile the bot's texts use: its own over the definition's defaults (secret included). */
  public BusinessProfile effective(WhatsAppInstance bot) {
    return withSecret(bot).over(definition(bot).defaultProfile());
  }

  /** The fields still holding the shipped placeholders (a bot may not go live with them). */
  public List<String> placeholders(WhatsAppInstance bot) {
    return effective(bot).placeholders();
  }

  /**
   * The definition JSON the bot runs: {@code definitionJson} with the bot's profile written into
   * its {@code profile} block and its prices' amounts; unchanged when the bot has no profile.
   */
  public String forBot(WhatsAppInstance bot, String definitionJson) {
    BusinessProfile own = own(bot);
    if (bot.profile() == null) {
      return definitionJson;
    }
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(definitionJson);
      ObjectNode block = tree.get("profile") instanceof ObjectNode b ? b : tree.putObject("profile");
      ObjectNode fields = (ObjectNode) JSON.readTree(own.toJson());
      fields.remove("prices");
      fields.remove("yoomoney_secret");
      block.setAll(fields);
      if (own.prices() != null && tree.get("prices") instanceof ObjectNode prices) {
        for (Map.Entry<String, Long> price : own.prices().entrySet()) {
          if (prices.get(price.getKey()) instanceof ObjectNode declared) {
            declared.put("amount", price.getValue());
          }
        }
      }
      return JSON.writeValueAsString(tree);
    } catch (JacksonException | ClassCastException e) {
      throw new IllegalStateException("bot '" + bot.id() + "': its definition cannot take its profile: " + e.getMessage(),
          e);
    }
  }

  private static BusinessProfile stored(WhatsAppInstance bot) {
    if (bot.profile() == null) {
      return new BusinessProfile(null, null, null, null, null, null, null, null, null, null, null, null);
    }
    return BusinessProfile.fromJson(bot.profile());
  }

  private static String purpose(String botId) {
    return "profile." + botId + ".yoomoney_secret";
  }
}
