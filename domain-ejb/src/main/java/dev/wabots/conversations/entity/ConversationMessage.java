package dev.wabots.conversations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One message of a conversation, in either direction. */
@Entity
@Table(name = "conversation_messages")
public class ConversationMessage {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "conversation_id", nullable = false)
  private long conversationId;

  @Column(name = "event_seq", nullable = false)
  private long eventSeq;

  @Column(nullable = false)
  private String direction;

  @Column(nullable = false)
  private String author;

  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false)
  private String type;

  private String wamid;

  private String text;

  private String payload;

  /** A customer's file: {@code MessageMedia} as JSON, or null. */
  private String media;

  /** A voice note's text, or null. */
  private String transcript;

  protected ConversationMessage() {}

  /** What the bot made of the message's file (JSON) and, for a voice note, what was heard. */
  public void describeMedia(String mediaJson, String heard) {
    this.media = mediaJson;
    this.transcript = heard;
  }

  public String media() {
    return media;
  }

  public String transcript() {
    return transcript;
  }

  public Long id() {
    return id;
  }

  public long conversationId() {
    return conversationId;
  }

  public String direction() {
    return direction;
  }

  public String author() {
    return author;
  }

  public Instant at() {
    return at;
  }

  public String type() {
    return type;
  }

  public String wamid() {
    return wamid;
  }

  public String text() {
    return text;
  }

  public String payload() {
    return payload;
  }
}
