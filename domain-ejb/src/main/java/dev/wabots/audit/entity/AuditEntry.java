package dev.wabots.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change: who did what to which bot, when. Never holds a secret value. */
@Entity
@Table(name = "audit_log")
@NamedQuery(name = AuditEntry.NEWEST, query = "SELECT a FROM AuditEntry a ORDER BY a.id DESC")
public class AuditEntry {

  public static final String NEWEST = "AuditEntry.newest";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String action;

  @Column(name = "instance_id")
  private String instanceId;

  private String details;

  protected AuditEntry() {}

  public AuditEntry(Instant at, String actor, String action, String instanceId, String details) {
    this.at = at;
    this.actor = actor;
    this.action = action;
    this.instanceId = instanceId;
    this.details = details;
  }

  public Long id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String instanceId() {
    return instanceId;
  }

  public String details() {
    return details;
  }
}
