package dev.wabots.conversations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A funnel event of a conversation (docs/FUNNEL.md's analytics), as the bot reported it. */
@Entity
@Table(name = "funnel_events")
public class FunnelEventRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "conversation_id", nullable = false)
  private long conversationId;

  @Column(name = "event_seq", nullable = false)
  private long eventSeq;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false)
  private String event;

  @Column(nullable = false)
  private String data;

  private String stage;

  private String segment;

  protected FunnelEventRecord() {}

  public String event() {
    return event;
  }

  public Instant at() {
    return at;
  }

  public String data() {
    return data;
  }
}
