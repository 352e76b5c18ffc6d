package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import dev.wabots.users.boundary.Users;
import dev.wabots.users.boundary.Users.UserView;
import jakarta.inject.Inject;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The Settings tab: name, mode, Meta credentials, webhook port, enabled, auto-start; and what to
 * paste into Meta. Secrets are write-only: an empty field keeps the stored value, and the stored
 * values are never shown (only "set · ends with abcd"). The verify token is the one secret a
 * person must copy into Meta, so "new verify token" makes one and shows it once, to the person
 * who just set it. A stored secret can be cleared on its own; admins choose the bot's owner.
 */
@Named
@ViewScoped
public class SettingsTab extends BotTab {

  private static final long serialVersionUID = 1L;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject Users users;

  @Inject Account account;

  private String name;
  private String description;
  private String mode;
  private String phoneNumberId;
  private String wabaId;
  private String accessToken;
  private String verifyToken;
  private String appSecret;
  private Integer webhookPort;
  private boolean enabled;
  private boolean autoStart;
  private Long ownerId;
  private List<UserView> people = List.of();
  private String newVerifyToken;

  @Override
  protected void fill(InstanceView b) {
    name = b.name();
    description = b.description();
    mode = b.mode();
    phoneNumberId = b.phoneNumberId();
    wabaId = b.wabaId();
    accessToken = null;
    verifyToken = null;
    appSecret = null;
    webhookPort = b.webhookPort();
    enabled = b.enabled();
    autoStart = b.autoStart();
    ownerId = b.ownerId();
    newVerifyToken = null;
    people = List.of();
    if ("admin".equals(account.getRole())) {
      try {
        people = users.list();
      } catch (DomainException e) {
        people = List.of();
      }
    }
  }

  public void save() {
    InstanceChanges c = InstanceChanges.none();
    diff(c, InstanceField.NAME, name, bot.name());
    diff(c, InstanceField.DESCRIPTION, description, bot.description());
    diff(c, InstanceField.MODE, mode, bot.mode());
    diff(c, InstanceField.PHONE_NUMBER_ID, phoneNumberId, bot.phoneNumberId());
    diff(c, InstanceField.WABA_ID, wabaId, bot.wabaId());
    diff(c, InstanceField.WEBHOOK_PORT, webhookPort, bot.webhookPort());
    diff(c, InstanceField.ENABLED, enabled, bot.enabled());
    diff(c, InstanceField.AUTO_START, autoStart, bot.autoStart());
    if (isOwnerChoice()) {
      diff(c, InstanceField.OWNER_ID, ownerId, bot.ownerId());
    }
    setSecret(c, InstanceField.ACCESS_TOKEN, accessToken);
    setSecret(c, InstanceField.VERIFY_TOKEN, verifyToken);
    setSecret(c, InstanceField.APP_SECRET, appSecret);
    String typedVerifyToken = verifyToken;
    save(c);
    if (typedVerifyToken != null && !FacesContext.getCurrentInstance().isValidationFailed()) {
      newVerifyToken = typedVerifyToken;
    }
  }

  /** A fresh random verify token, stored at once and shown once so it can be pasted into Meta. */
  public void generateVerifyToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      InstanceView saved = instances.update(bot.id(), InstanceChanges.none().set(InstanceField.VERIFY_TOKEN, token));
      fleet.changed(saved);
      bot = saved;
      newVerifyToken = token;
      feedback.done("settings.verify_token.generated");
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /**
   * Removes a stored secret (the API's {@code ""}): the bot then goes without it, which live mode
   * refuses — that refusal shows under the field.
   */
  public void clearSecret(String json) {
    InstanceField field = switch (json) {
      case "access_token" -> InstanceField.ACCESS_TOKEN;
      case "verify_token" -> InstanceField.VERIFY_TOKEN;
      case "app_secret" -> InstanceField.APP_SECRET;
      default -> null;
    };
    if (field == null || bot == null) {
      return;
    }
    try {
      InstanceView saved = instances.update(bot.id(), InstanceChanges.none().set(field, ""));
      fleet.changed(saved);
      bot = saved;
      if (field == InstanceField.VERIFY_TOKEN) {
        newVerifyToken = null;
      }
      feedback.done("secret.cleared", feedback.text("field." + json));
    } catch (NotFound e) {
      feedback.problem("error.bot_gone", bot.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  /** Admins assign bots to people; others see nothing of it. */
  public boolean isOwnerChoice() {
    return !people.isEmpty();
  }

  /** Everyone who may own a bot (guests only read), and the current owner even if not among them. */
  public List<UserView> getPeople() {
    return people.stream().filter(u -> !"guest".equals(u.role()) || u.id() == (ownerId == null ? -1 : ownerId)).toList();
  }

  public Long getOwnerId() {
    return ownerId;
  }

  public void setOwnerId(Long ownerId) {
    this.ownerId = ownerId;
  }

  private static void setSecret(InstanceChanges c, InstanceField field, String typed) {
    if (typed != null && !typed.isEmpty()) {
      c.set(field, typed);
    }
  }

  /** Where Meta must send this bot's webhooks: this host, the bot's own port. */
  public String getWebhookUrl() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    return external.getRequestScheme() + "://" + external.getRequestServerName() + ":" + bot.webhookPort() + "/webhook";
  }

  public String getNewVerifyToken() {
    return newVerifyToken;
  }

  public InstanceView getBot() {
    return bot;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getPhoneNumberId() {
    return phoneNumberId;
  }

  public void setPhoneNumberId(String phoneNumberId) {
    this.phoneNumberId = phoneNumberId;
  }

  public String getWabaId() {
    return wabaId;
  }

  public void setWabaId(String wabaId) {
    this.wabaId = wabaId;
  }

  public String getAccessToken() {
    return accessToken;
  }

  public void setAccessToken(String accessToken) {
    this.accessToken = accessToken;
  }

  public String getVerifyToken() {
    return verifyToken;
  }

  public void setVerifyToken(String verifyToken) {
    this.verifyToken = verifyToken;
  }

  public String getAppSecret() {
    return appSecret;
  }

  public void setAppSecret(String appSecret) {
    this.appSecret = appSecret;
  }

  public Integer getWebhookPort() {
    return webhookPort;
  }

  public void setWebhookPort(Integer webhookPort) {
    this.webhookPort = webhookPort;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isAutoStart() {
    return autoStart;
  }

  public void setAutoStart(boolean autoStart) {
    this.autoStart = autoStart;
  }
}
