package dev.wabots.payments.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.funnels.control.ProfileStore;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.leads.boundary.LeadEvent;
import dev.wabots.leads.entity.Lead;
import dev.wabots.payments.control.YooMoneyNotification;
import dev.wabots.payments.entity.Payment;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * YooMoney wallet notifications: verified against the notification secret of the bots' profiles,
 * stored once per operation, tied to the customer's lead by the funnel's label {@code bot:phone}
 * (kept unmatched for admins otherwise). A sum that differs from the payment link's is flagged, not
 * refused; a forged notification changes nothing and is logged and audited.
 */
@Stateless
public class Payments {

  private static final Logger LOG = System.getLogger(Payments.class.getName());
  public static final int MAX_PAGE_SIZE = 200;
  /** YooMoney's currency code of the ruble, the only currency of a YooMoney wallet. */
  static final String RUBLE = "643";

  @PersistenceContext EntityManager em;

  @Inject ProfileStore profiles;

  @Inject AuditLog audit;

  @Inject Callers callers;

  @Inject Event<LeadEvent> leadEvents;

  @Inject Event<PaymentMatched> matchedEvents;

  /** What became of a notification. */
  public record Receipt(String outcome, Long paymentId, Long leadId) {}

  /**
   * Takes a notification (the form as received) from {@code remote}.
   *
   * @throws Invalid if fields are missing or malformed (every one named)
   * @throws Forbidden if no bot's notification secret signed it
   */
  public Receipt receive(String form, String remote) {
    Map<String, String> fields;
    try {
      fields = YooMoneyNotification.form(form);
    } catch (IllegalArgumentException e) {
      throw Invalid.of("body", e.getMessage());
    }
    YooMoneyNotification.Parsed parsed = YooMoneyNotification.parse(fields);
    if (!parsed.problems().isEmpty()) {
      LOG.log(Level.WARNING, "YooMoney notification from {0} refused: {1}", remote, parsed.problems());
      throw new Invalid(parsed.problems().stream()
          .map(p -> new FieldError(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2))).toList());
    }
    YooMoneyNotification n = parsed.notification();
    Optional<String[]> named = n.botAndPhone();
    WhatsAppInstance labelled = named.map(bp -> em.find(WhatsAppInstance.class, bp[0])).orElse(null);
    if (!signed(n, labelled)) {
      LOG.log(Level.WARNING, "YooMoney notification from {0} refused: sha1_hash matches no bot''s notification"
          + " secret (operation_id {1}, label {2}, amount {3})", remote, n.operationId(), n.label(), n.amount());
      audit.recordAlone("yoomoney", "payment.refused", labelled == null ? null : labelled.id(),
          AuditLog.details("operation_id", n.operationId(), "label", n.label(), "amount", n.amount(), "from", remote,
              "why", "sha1_hash matches no bot's notification secret"));
      throw new Forbidden("sha1_hash does not match: check the notification secret in the bot's business profile");
    }
    if (n.test()) {
      LOG.log(Level.INFO, "YooMoney test notification verified (label {0})", n.label());
      audit.record("yoomoney", "payment.test_received", labelled == null ? null : labelled.id(),
          AuditLog.details("operation_id", n.operationId()));
      return new Receipt("test notification verified; nothing stored", null, null);
    }
    Optional<Payment> seen = em.createNamedQuery(Payment.BY_OPERATION, Payment.class)
        .setParameter("operation", n.operationId()).getResultStream().findFirst();
    if (seen.isPresent()) {
      return new Receipt("duplicate: already received", seen.get().id(), seen.get().leadId());
    }
    Instant now = Instant.now();
    Payment payment = new Payment(n.operationId(), now, n.label(), n.amount(), n.withdrawAmount(), n.currency(),
        n.sender(), "true".equals(n.codepro()), n.datetime());
    em.persist(payment);
    Lead lead = named.filter(bp -> labelled != null)
        .flatMap(bp -> em.createNamedQuery(Lead.OF, Lead.class).setParameter("bot", bp[0]).setParameter("phone", bp[1])
            .getResultStream().findFirst())
        .orElse(null);
    if (lead == null) {
      String why = n.label().isEmpty() ? "no label" : labelled == null ? "the label names no bot"
          : "the label names no lead of the bot";
      payment.unmatched(labelled == null ? null : labelled.id(), why);
      em.flush();
      LOG.log(Level.WARNING, "YooMoney payment {0} of {1} kept unmatched: {2} (label {3})", n.operationId(),
          n.amount(), why, n.label());
      audit.record("yoomoney", "payment.unmatched", payment.botId(),
          AuditLog.details("operation_id", n.operationId(), "label", n.label(), "amount", n.amount()));
      return new Receipt("kept unmatched: " + why, payment.id(), null);
    }
    String flag = flag(n, lead);
    payment.match(lead.botId(), lead.id(), flag);
    boolean first = lead.paid(n.paid().toPlainString(), now, flag);
    if (first && flag == null && (lead.status() == Lead.Status.NEW || lead.status() == Lead.Status.IN_PROGRESS)) {
      lead.work(Lead.Status.WON, null);
    }
    em.flush();
    audit.record("yoomoney", "payment.received", lead.botId(), AuditLog.details("operation_id", n.operationId(),
        "lead", lead.id(), "amount", n.paid().toPlainString(), "flag", flag == null ? "" : flag));
    leadEvents.fire(new LeadEvent("paid", lead.botId(), lead.id(), lead.phone(), lead.name(),
        n.paid().toPlainString() + " ₽" + (flag == null ? "" : " ⚠ " + flag), now));
    if (n.credited()) {
      matchedEvents.fire(new PaymentMatched(payment.id()));
    }
    return new Receipt(flag == null ? "paid" : "paid, flagged: " + flag, payment.id(), lead.id());
  }

  /** What a person should check about a matched payment, or null. */
  static String flag(YooMoneyNotification n, Lead lead) {
    List<String> flags = new ArrayList<>();
    BigDecimal paid = n.paid();
    if (lead.paymentSum() == null) {
      flags.add("no payment link was sent to this customer");
    } else if (paid.compareTo(BigDecimal.valueOf(lead.paymentSum())) != 0) {
      flags.add("paid " + paid.toPlainString() + " ₽, the link asked for " + lead.paymentSum() + " ₽");
    }
    if (!RUBLE.equals(n.currency())) {
      flags.add("currency " + n.currency() + " is not the ruble (643)");
    }
    if (n.unaccepted()) {
      flags.add("unaccepted: frozen until the wallet's owner accepts it");
    }
    if ("true".equals(n.codepro())) {
      flags.add("protected by a code: the payer must give the code");
    }
    return flags.isEmpty() ? null : String.join("; ", flags);
  }

  /** Whether the labelled bot's secret, or any bot's, signed the notification. */
  private boolean signed(YooMoneyNotification n, WhatsAppInstance labelled) {
    if (labelled != null && profiles.secret(labelled).map(n::signedWith).orElse(false)) {
      return true;
    }
    Set<String> tried = new LinkedHashSet<>();
    for (WhatsAppInstance bot : em.createQuery("SELECT i FROM WhatsAppInstance i WHERE i.profile IS NOT NULL",
        WhatsAppInstance.class).getResultList()) {
      Optional<String> secret = profiles.secret(bot);
      if (secret.isPresent() && tried.add(secret.get()) && n.signedWith(secret.get())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Received payments, newest first: admins see all (unmatched included), others the matched
   * payments of their bots.
   */
  public List<PaymentView> list(Boolean matched, int page, int size) {
    Caller caller = callers.current();
    if (page < 0) {
      throw Invalid.of("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw Invalid.of("size", "must be from 1 to " + MAX_PAGE_SIZE);
    }
    var query = em.createQuery("SELECT p FROM Payment p" + where(matched, caller) + " ORDER BY p.id DESC",
        Payment.class);
    if (!caller.isAdmin()) {
      query.setParameter("owner", caller.userId());
    }
    return query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
        .map(p -> new PaymentView(p.id(), p.operationId(), p.receivedAt(), p.label(), p.amount(), p.withdraw(),
            p.sender(), p.botId(), p.leadId(), p.matched(), p.flag(), p.toldAt(), p.toldError()))
        .toList();
  }

  /** How many payments {@link #list} has for the caller in all (for paging). */
  public long count(Boolean matched) {
    Caller caller = callers.current();
    var query = em.createQuery("SELECT COUNT(p) FROM Payment p" + where(matched, caller), Long.class);
    if (!caller.isAdmin()) {
      query.setParameter("owner", caller.userId());
    }
    return query.getSingleResult();
  }

  /** Which payments a caller sees: admins all, others the matched payments of their bots. */
  private static String where(Boolean matched, Caller caller) {
    StringBuilder q = new StringBuilder(" WHERE 1 = 1");
    if (matched != null) {
      q.append(matched ? " AND p.matched = TRUE" : " AND p.matched = FALSE");
    }
    if (!caller.isAdmin()) {
      q.append(" AND p.matched = TRUE AND p.botId IN (SELECT i.id FROM WhatsAppInstance i WHERE i.ownerId = :owner)");
    }
    return q.toString();
  }
}
