package dev.wabots.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One way to reach a bot's owner: a Telegram chat, e-mail addresses or an outgoing webhook, with
 * the events it wants. Its settings are JSON ({@link #config()}), secrets sealed inside.
 */
@Entity
@Table(name = "notification_channels")
@NamedQuery(name = NotificationChannel.OF_BOT,
    query = "SELECT c FROM NotificationChannel c WHERE c.botId = :bot ORDER BY c.created")
@NamedQuery(name = NotificationChannel.DELETE_OF_BOT, query = "DELETE FROM NotificationChannel c WHERE c.botId = :bot")
public class NotificationChannel {

  public static final String OF_BOT = "NotificationChannel.ofBot";
  public static final String DELETE_OF_BOT = "NotificationChannel.deleteOfBot";

  /** How the channel delivers. */
  public enum Type {
    TELEGRAM, EMAIL, WEBHOOK;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Type of(String id) {
      for (Type t : values()) {
        if (t.id().equals(id)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown channel type: " + id);
    }
  }

  @Id
  private String id;

  @Column(name = "bot_id", nullable = false)
  private String botId;

  @Column(nullable = false)
  private String type;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(nullable = false)
  private String events;

  @Column(nullable = false)
  private String config;

  /** Created or last changed by a non-admin: its addresses must be public (checked before every delivery). */
  @Column(name = "public_only", nullable = false)
  private boolean publicOnly;

  @Column(name = "last_success_at")
  private Instant lastSuccessAt;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "last_error_at")
  private Instant lastErrorAt;

  @Column(nullable = false)
  private Instant created;

  @Column(nullable = false)
  private Instant updated;

  protected NotificationChannel() {}

  public NotificationChannel(String id, String botId, Type type, Instant now) {
    this.id = id;
    this.botId = botId;
    this.type = type.id();
    this.created = now;
    this.updated = now;
  }

  public void change(String newName, boolean on, String eventsJson, String configJson, boolean onlyPublic, Instant now) {
    name = newName;
    enabled = on;
    events = eventsJson;
    config = configJson;
    publicOnly = onlyPublic;
    updated = now;
  }

  public void delivered(Instant at) {
    lastSuccessAt = at;
  }

  public void failed(String why, Instant at) {
    lastError = why;
    lastErrorAt = at;
  }

  public String id() {
    return id;
  }

  public String botId() {
    return botId;
  }

  public Type type() {
    return Type.of(type);
  }

  public String name() {
    return name;
  }

  public boolean enabled() {
    return enabled;
  }

  public String events() {
    return events;
  }

  public String config() {
    return config;
  }

  public boolean publicOnly() {
    return publicOnly;
  }

  public Instant lastSuccessAt() {
    return lastSuccessAt;
  }

  public String lastError() {
    return lastError;
  }

  public Instant lastErrorAt() {
    return lastErrorAt;
  }

  public Instant created() {
    return created;
  }
}
