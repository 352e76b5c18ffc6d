package dev.wabots.payments.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A payment notification as received (its operation id once), matched to a lead by its label or
 * kept unmatched for admins; whether the customer was told.
 */
@Entity
@Table(name = "payments")
@NamedQuery(name = Payment.BY_OPERATION, query = "SELECT p FROM Payment p WHERE p.operationId = :operation")
@NamedQuery(name = Payment.UNTOLD, query = "SELECT p.id FROM Payment p WHERE p.matched = true AND p.toldAt IS NULL"
    + " AND p.toldError IS NULL AND p.receivedAt > :since ORDER BY p.id")
public class Payment {

  public static final String BY_OPERATION = "Payment.byOperation";
  public static final String UNTOLD = "Payment.untold";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "operation_id", nullable = false)
  private String operationId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  private String label;

  @Column(nullable = false)
  private String amount;

  private String withdraw;

  private String currency;

  private String sender;

  @Column(nullable = false)
  private boolean codepro;

  @Column(name = "operation_at")
  private String operationAt;

  @Column(name = "bot_id")
  private String botId;

  @Column(name = "lead_id")
  private Long leadId;

  @Column(nullable = false)
  private boolean matched;

  private String flag;

  @Column(name = "told_at")
  private Instant toldAt;

  @Column(name = "told_error")
  private String toldError;

  protected Payment() {}

  public Payment(String operationId, Instant receivedAt, String label, String amount, String withdraw, String currency,
      String sender, boolean codepro, String operationAt) {
    this.operationId = operationId;
    this.receivedAt = receivedAt;
    this.label = label;
    this.amount = amount;
    this.withdraw = withdraw;
    this.currency = currency;
    this.sender = sender;
    this.codepro = codepro;
    this.operationAt = operationAt;
  }

  /** Tied to a bot's lead (the label named them). */
  public void match(String bot, long lead, String why) {
    botId = bot;
    leadId = lead;
    matched = true;
    flag = why;
  }

  /** Kept for admins: the label names no lead ({@code bot} when it named a known bot). */
  public void unmatched(String bot, String why) {
    botId = bot;
    matched = false;
    flag = why;
  }

  public void told(Instant at) {
    toldAt = at;
    toldError = null;
  }

  /** The customer cannot be told by the bot (e.g. the 24-hour window closed); not retried. */
  public void notTold(String why) {
    toldError = why;
  }

  public Long id() {
    return id;
  }

  public String operationId() {
    return operationId;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String label() {
    return label;
  }

  public String amount() {
    return amount;
  }

  public String withdraw() {
    return withdraw;
  }

  public String currency() {
    return currency;
  }

  public String sender() {
    return sender;
  }

  public boolean codepro() {
    return codepro;
  }

  public String operationAt() {
    return operationAt;
  }

  public String botId() {
    return botId;
  }

  public Long leadId() {
    return leadId;
  }

  public boolean matched() {
    return matched;
  }

  public String flag() {
    return flag;
  }

  public Instant toldAt() {
    return toldAt;
  }

  public String toldError() {
    return toldError;
  }
}
