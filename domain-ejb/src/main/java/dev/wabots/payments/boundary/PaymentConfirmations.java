package dev.wabots.payments.boundary;

import dev.wabots.contract.BotCommand;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.leads.entity.Lead;
import dev.wabots.payments.entity.Payment;
import dev.wabots.platform.DomainException;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells customers their payment arrived, through their bot (the definition's {@code
 * payment_received} screen): at once when a payment is matched, and again every minute for a day
 * while the bot is stopped or does not answer. The bot confirms each payment once however often it
 * is asked; a closed 24-hour window is recorded on the payment (a person follows up) and not retried.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PaymentConfirmations {

  private static final Logger LOG = System.getLogger(PaymentConfirmations.class.getName());
  static final Duration GIVE_UP = Duration.ofDays(1);

  @PersistenceContext EntityManager em;

  @Inject BotProcesses processes;

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource SessionContext context;

  private PaymentConfirmations self;
  private ScheduledFuture<?> timer;

  @PostConstruct
  void start() {
    self = context.getBusinessObject(PaymentConfirmations.class);
    timer = scheduler.scheduleWithFixedDelay(this::round, 60, 60, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** A payment was matched: tell the customer now (after the payment is committed). */
  public void matched(@Observes(during = TransactionPhase.AFTER_SUCCESS) PaymentMatched matched) {
    scheduler.execute(() -> confirm(matched.paymentId()));
  }

  private void round() {
    try {
      for (Long id : self.untold()) {
        confirm(id);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment confirmation round failed: {0}", e.toString());
    }
  }

  /** Matched, credited payments of the last day that the customer was not told of yet. */
  public List<Long> untold() {
    return em.createNamedQuery(Payment.UNTOLD, Long.class).setParameter("since", Instant.now().minus(GIVE_UP))
        .setMaxResults(100).getResultList();
  }

  /** The command for one payment, or null when there is nothing (more) to do. */
  public Work work(long id) {
    Payment p = em.find(Payment.class, id);
    if (p == null || !p.matched() || p.toldAt() != null || p.toldError() != null || p.leadId() == null) {
      return null;
    }
    Lead lead = em.find(Lead.class, p.leadId());
    if (lead == null) {
      return null;
    }
    String amount = p.withdraw() != null ? p.withdraw() : p.amount();
    return new Work(p.botId(), new BotCommand.PaymentReceived(lead.phone(), "payments", amount, p.operationId()));
  }

  /** What one confirmation needs. */
  public record Work(String bot, BotCommand.PaymentReceived command) {}

  public void told(long id) {
    Payment p = em.find(Payment.class, id);
    if (p != null) {
      p.told(Instant.now());
    }
  }

  public void notTold(long id, String why) {
    Payment p = em.find(Payment.class, id);
    if (p != null) {
      p.notTold(why);
    }
  }

  private void confirm(long id) {
    Work w;
    try {
      w = self.work(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Payment {0}: cannot read it: {1}", id, e.toString());
      return;
    }
    if (w == null || processes.address(w.bot()).isEmpty()) {
      return; // done, or the bot is not running: the next round tries again
    }
    try {
      var answer = processes.callBot(w.bot(), "/internal/commands", ContractJson.write(w.command()));
      if (answer.status() == 400) {
        LOG.log(Level.WARNING, "Payment {0}: bot {1} refused the confirmation: {2}", w.command().operationId(),
            w.bot(), answer.body());
        self.notTold(id, "the bot refused it: " + answer.body());
        return;
      }
      CommandResult result = ContractJson.read(answer.body(), CommandResult.class);
      if (answer.status() == 200 && result.done()) {
        self.told(id);
      } else if (answer.status() == 409) {
        LOG.log(Level.WARNING, "Payment {0}: bot {1} cannot tell {2}: {3}", w.command().operationId(), w.bot(),
            w.command().phone(), result.message());
        self.notTold(id, result.message() == null ? String.valueOf(result.error()) : result.message());
      }
    } catch (DomainException | ContractException e) {
      LOG.log(Level.INFO, "Payment {0}: bot {1} did not confirm it yet ({2}); retrying within a minute",
          w.command().operationId(), w.bot(), e.getMessage());
    }
  }
}
