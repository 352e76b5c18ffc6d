package dev.wabots.funnels.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bot's own funnel definition, replacing the default one of its language. */
@Entity
@Table(name = "funnel_definitions")
public class FunnelOverride {

  @Id
  @Column(name = "instance_id")
  private String instanceId;

  @Column(nullable = false)
  private String definition;

  @Column(nullable = false)
  private Instant updated;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  protected FunnelOverride() {}

  public FunnelOverride(String instanceId, String definition, String by, Instant now) {
    this.instanceId = instanceId;
    replace(definition, by, now);
  }

  public void replace(String json, String by, Instant now) {
    this.definition = json;
    this.updatedBy = by;
    this.updated = now;
  }

  public String instanceId() {
    return instanceId;
  }

  public String definition() {
    return definition;
  }

  public Instant updated() {
    return updated;
  }

  public String updatedBy() {
    return updatedBy;
  }
}
