package dev.wabots.leads.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A customer who entered a bot's funnel: their answers (kept up to date from the bot's funnel
 * events), the quote, checkout and payment, and what the owner does with them (status, notes).
 */
@Entity
@Table(name = "leads")
@NamedQuery(name = Lead.OF, query = "SELECT l FROM Lead l WHERE l.botId = :bot AND l.phone = :phone")
@NamedQuery(name = Lead.OF_PHONES, query = "SELECT l FROM Lead l WHERE l.botId = :bot AND l.phone IN :phones")
@NamedQuery(name = Lead.WITH_IDS, query = "SELECT l FROM Lead l WHERE l.id IN :ids")
public class Lead {

  public static final String OF = "Lead.of";
  public static final String OF_PHONES = "Lead.ofPhones";
  public static final String WITH_IDS = "Lead.withIds";

  /** What the owner made of the lead. */
  public enum Status {
    NEW, IN_PROGRESS, WON, LOST;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status of(String id) {
      for (Status s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown lead status: " + id);
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

  @Column(name = "first_at", nullable = false)
  private Instant firstAt;

  @Column(name = "last_at", nullable = false)
  private Instant lastAt;

  private String segment;

  @Column(name = "sub_segment")
  private String subSegment;

  private String path;

  private String stage;

  @Column(nullable = false)
  private String quiz = "{}";

  private String gpu;

  @Column(nullable = false)
  private String discovery = "{}";

  @Column(nullable = false)
  private String requirements = "{}";

  @Column(name = "quote_low")
  private Long quoteLow;

  @Column(name = "quote_high")
  private Long quoteHigh;

  private String quote;

  @Column(name = "checkout_at")
  private Instant checkoutAt;

  @Column(name = "payment_sum")
  private Long paymentSum;

  @Column(name = "payment_label")
  private String paymentLabel;

  @Column(name = "payment_sent_at")
  private Instant paymentSentAt;

  @Column(name = "paid_amount")
  private String paidAmount;

  @Column(name = "paid_at")
  private Instant paidAt;

  @Column(name = "payment_flag")
  private String paymentFlag;

  @Column(name = "requirements_outcome")
  private String requirementsOutcome;

  @Column(name = "requirements_document")
  private String requirementsDocument;

  @Column(name = "requirements_summary")
  private String requirementsSummary;

  @Column(name = "requirements_answers")
  private String requirementsAnswers;

  @Column(name = "requirements_at")
  private Instant requirementsAt;

  @Column(nullable = false)
  private String status = Status.NEW.id();

  private String notes;

  @Column(nullable = false)
  private long events;

  protected Lead() {}

  /** The customer's answers as they stand now (JSON of the quiz, discovery, requirements). */
  public void answers(String customerName, String seg, String sub, String quizJson, String discoveryJson,
      String requirementsJson, String funnelStage, Instant at) {
    if (customerName != null && !customerName.isBlank()) {
      name = customerName;
    }
    if (seg != null) {
      segment = seg;
    }
    if (sub != null) {
      subSegment = sub;
    }
    quiz = quizJson;
    discovery = discoveryJson;
    requirements = requirementsJson;
    stage = funnelStage;
    if (at.isAfter(lastAt)) {
      lastAt = at;
    }
    events++;
  }

  public void entered(String funnelPath) {
    path = funnelPath;
  }

  public void gpu(String value) {
    gpu = value;
  }

  public void quoted(long low, long high, String quoteJson) {
    quoteLow = low;
    quoteHigh = high;
    quote = quoteJson;
  }

  public void checkout(Instant at) {
    if (checkoutAt == null) {
      checkoutAt = at;
    }
  }

  public void paymentLinkSent(long sum, String label, Instant at) {
    paymentSum = sum;
    paymentLabel = label;
    paymentSentAt = at;
  }

  /**
   * Paid. A sum that differs from the link's is flagged, not refused.
   *
   * @return whether the payment is new for this lead
   */
  public boolean paid(String amount, Instant at, String flag) {
    boolean first = paidAt == null;
    paidAmount = amount;
    paidAt = at;
    paymentFlag = flag;
    return first;
  }

  public void work(Status newStatus, String newNotes) {
    if (newStatus != null) {
      status = newStatus.id();
    }
    if (newNotes != null) {
      notes = newNotes;
    }
  }

  /**
   * The bot's AI drafted the requirements document for the questionnaire (or could not: {@code
   * failed}, no document); the latest draft replaces an earlier one.
   *
   * @param answersJson the answers as the customer gave them (titles, texts), JSON
   */
  public void requirementsDrafted(String outcome, String document, String summary, String answersJson, Instant at) {
    requirementsOutcome = outcome;
    requirementsDocument = document;
    requirementsSummary = summary;
    requirementsAnswers = answersJson;
    requirementsAt = at;
    if (lastAt == null || at.isAfter(lastAt)) {
      lastAt = at;
    }
  }

  public String requirementsOutcome() {
    return requirementsOutcome;
  }

  public String requirementsDocument() {
    return requirementsDocument;
  }

  public String requirementsSummary() {
    return requirementsSummary;
  }

  public String requirementsAnswers() {
    return requirementsAnswers;
  }

  public Instant requirementsAt() {
    return requirementsAt;
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

  public Instant firstAt() {
    return firstAt;
  }

  public Instant lastAt() {
    return lastAt;
  }

  public String segment() {
    return segment;
  }

  public String subSegment() {
    return subSegment;
  }

  public String path() {
    return path;
  }

  public String stage() {
    return stage;
  }

  public String quiz() {
    return quiz;
  }

  public String gpu() {
    return gpu;
  }

  public String discovery() {
    return discovery;
  }

  public String requirements() {
    return requirements;
  }

  public Long quoteLow() {
    return quoteLow;
  }

  public Long quoteHigh() {
    return quoteHigh;
  }

  public String quote() {
    return quote;
  }

  public Instant checkoutAt() {
    return checkoutAt;
  }

  public Long paymentSum() {
    return paymentSum;
  }

  public String paymentLabel() {
    return paymentLabel;
  }

  public Instant paymentSentAt() {
    return paymentSentAt;
  }

  public String paidAmount() {
    return paidAmount;
  }

  public Instant paidAt() {
    return paidAt;
  }

  public String paymentFlag() {
    return paymentFlag;
  }

  public Status status() {
    return Status.of(status);
  }

  public String notes() {
    return notes;
  }
}
