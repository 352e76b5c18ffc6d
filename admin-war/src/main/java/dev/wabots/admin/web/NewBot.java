package dev.wabots.admin.web;

import dev.wabots.instances.boundary.InstanceView;
import dev.wabots.instances.boundary.Instances;
import dev.wabots.instances.control.Slugs;
import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.platform.DomainException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * The "add bot" dialog: a name (its id, the slug, shown as it is typed), the mode and, for live
 * mode, Meta's credentials. Everything else starts at the domain's defaults and is set in the
 * bot's tabs afterwards. A sandbox bot gets working sandbox credentials from the domain.
 */
@Named
@ViewScoped
public class NewBot implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Instances instances;

  @Inject Fleet fleet;

  @Inject Feedback feedback;

  private String name;
  private String description;
  private String mode = "sandbox";
  private Integer webhookPort;
  private String phoneNumberId;
  private String wabaId;
  private String accessToken;
  private String verifyToken;
  private String appSecret;

  /** A blank form each time the dialog opens. */
  public void reset() {
    name = null;
    description = null;
    mode = "sandbox";
    webhookPort = null;
    phoneNumberId = null;
    wabaId = null;
    accessToken = null;
    verifyToken = null;
    appSecret = null;
  }

  public void create() {
    InstanceChanges c = InstanceChanges.none().set(InstanceField.NAME, name == null ? "" : name);
    putIfSet(c, InstanceField.DESCRIPTION, description);
    putIfSet(c, InstanceField.MODE, mode);
    putIfSet(c, InstanceField.WEBHOOK_PORT, webhookPort);
    if (isLive()) {
      putIfSet(c, InstanceField.PHONE_NUMBER_ID, phoneNumberId);
      putIfSet(c, InstanceField.WABA_ID, wabaId);
      putIfSet(c, InstanceField.ACCESS_TOKEN, accessToken);
      putIfSet(c, InstanceField.VERIFY_TOKEN, verifyToken);
      putIfSet(c, InstanceField.APP_SECRET, appSecret);
    }
    try {
      InstanceView created = instances.create(c);
      fleet.created(created);
      feedback.done("newbot.created", created.name(), created.id());
    } catch (DomainException e) {
      feedback.refused(e);
    }
  }

  private static void putIfSet(InstanceChanges c, InstanceField field, Object value) {
    if (value != null) {
      c.set(field, value);
    }
  }

  /** The id the name becomes (a suffix is added if another bot has it already). */
  public String getSlug() {
    return name == null || name.isBlank() ? "" : Slugs.of(name);
  }

  public boolean isLive() {
    return "live".equals(mode);
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

  public Integer getWebhookPort() {
    return webhookPort;
  }

  public void setWebhookPort(Integer webhookPort) {
    this.webhookPort = webhookPort;
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
}
