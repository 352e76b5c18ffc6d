package dev.wabots.conversations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bot's conversation with one customer, as the panel lists it. */
@Entity
@Table(name = "conversations")
@NamedQuery(name = Conversation.OF, query = "SELECT c FROM Conversation c WHERE c.botId = :bot AND c.phone = :phone")
@NamedQuery(name = Conversation.OF_PHONES,
    query = "SELECT c FROM Conversation c WHERE c.botId = :bot AND c.phone IN :phones")
@NamedQuery(name = Conversation.WITH_IDS, query = "SELECT c FROM Conversation c WHERE c.id IN :ids")
@NamedQuery(name = Conversation.DELETE_OF_BOT, query = "DELETE FROM Conversation c WHERE c.botId = :bot")
public class Conversation {

  public static final String OF = "Conversation.of";
  public static final String OF_PHONES = "Conversation.ofPhones";
  public static final String WITH_IDS = "Conversation.withIds";
  public static final String DELETE_OF_BOT = "Conversation.deleteOfBot";

  /** Who answers the customer. */
  public enum State {
    BOT("bot"), NEEDS_PERSON("needs_person"), WITH_PERSON("with_person");

    private final String id;

    State(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static State of(String id) {
      for (State s : values()) {
        if (s.id.equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown conversation state: " + id);
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "bot_id", nullable = false)
  private String botId;

  @Column(nullable = false)
  private String phone;

  private String name;

  @Column(nullable = false)
  private String state = State.BOT.id();

  private String operator;

  private String reason;

  @Column(name = "needs_person_since")
  private Instant needsPersonSince;

  private String stage;

  private String segment;

  @Column(nullable = false)
  private boolean sandbox;

  @Column(name = "last_message_at")
  private Instant lastMessageAt;

  @Column(name = "last_text")
  private String lastText;

  @Column(name = "last_direction")
  private String lastDirection;

  @Column(name = "last_inbound_at")
  private Instant lastInboundAt;

  @Column(nullable = false)
  private int unread;

  @Column(name = "message_count", nullable = false)
  private long messageCount;

  @Column(nullable = false)
  private Instant created;

  protected Conversation() {}

  /** The customer wrote. */
  public void received(Instant at, String customerName, String text) {
    if (customerName != null && !customerName.isBlank()) {
      name = customerName;
    }
    last(at, text, "in");
    lastInboundAt = at;
    unread++;
  }

  /** The bot or an operator sent a message. */
  public void sent(Instant at, String text) {
    last(at, text, "out");
  }

  private void last(Instant at, String text, String direction) {
    if (lastMessageAt == null || !at.isBefore(lastMessageAt)) {
      lastMessageAt = at;
      lastText = text == null ? null : text.length() > 300 ? text.substring(0, 300) + "…" : text;
      lastDirection = direction;
    }
    messageCount++;
  }

  /** Where the customer is in the funnel. */
  public void funnelAt(String funnelStage, String funnelSegment) {
    stage = funnelStage;
    if (funnelSegment != null) {
      segment = funnelSegment;
    }
  }

  /**
   * Who answers changed.
   *
   * @return whether the customer newly needs a person (an alert is due)
   */
  public boolean handOff(State to, String by, String why, Instant at) {
    boolean newlyNeeds = to == State.NEEDS_PERSON && !state.equals(State.NEEDS_PERSON.id());
    state = to.id();
    operator = to == State.WITH_PERSON ? by : null;
    reason = to == State.BOT ? null : why;
    needsPersonSince = to == State.NEEDS_PERSON ? (newlyNeeds ? at : needsPersonSince) : null;
    return newlyNeeds;
  }

  /** A person read the thread. */
  public void read() {
    unread = 0;
  }

  public Long id() {
    return id;
  }

  public String botId() {
    return botId;
  }

  public String phone() {
    return phone;
  }

  public String name() {
    return name;
  }

  public State state() {
    return State.of(state);
  }

  public String operator() {
    return operator;
  }

  public String reason() {
    return reason;
  }

  public Instant needsPersonSince() {
    return needsPersonSince;
  }

  public String stage() {
    return stage;
  }

  public String segment() {
    return segment;
  }

  public boolean sandbox() {
    return sandbox;
  }

  public Instant lastMessageAt() {
    return lastMessageAt;
  }

  public String lastText() {
    return lastText;
  }

  public String lastDirection() {
    return lastDirection;
  }

  public Instant lastInboundAt() {
    return lastInboundAt;
  }

  public int unread() {
    return unread;
  }

  public long messageCount() {
    return messageCount;
  }
}
