package dev.wabots.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notice still to deliver to one channel. */
@Entity
@Table(name = "pending_notifications")
@NamedQuery(name = PendingNotification.DUE,
    query = "SELECT p FROM PendingNotification p WHERE p.nextAttempt <= :now ORDER BY p.id")
public class PendingNotification {

  public static final String DUE = "PendingNotification.due";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "channel_id", nullable = false)
  private String channelId;

  @Column(nullable = false)
  private String event;

  @Column(nullable = false)
  private String payload;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt", nullable = false)
  private Instant nextAttempt;

  @Column(nullable = false)
  private Instant created;

  protected PendingNotification() {}

  public PendingNotification(String channelId, String event, String payload, Instant now) {
    this.channelId = channelId;
    this.event = event;
    this.payload = payload;
    this.nextAttempt = now;
    this.created = now;
  }

  /** Failed again: tried later, or never again after {@code maxAttempts}. @return whether it is tried again */
  public boolean failed(Instant next, int maxAttempts) {
    attempts++;
    nextAttempt = next;
    return attempts < maxAttempts;
  }

  public Long id() {
    return id;
  }

  public String channelId() {
    return channelId;
  }

  public String event() {
    return event;
  }

  public String payload() {
    return payload;
  }

  public int attempts() {
    return attempts;
  }
}
