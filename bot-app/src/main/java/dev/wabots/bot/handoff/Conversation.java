package dev.wabots.bot.handoff;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.events.Outbox;
import dev.wabots.bot.inbox.Inbox;
import dev.wabots.bot.inbox.Notices;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.bot.inbox.Reply;
import dev.wabots.bot.requirements.Drafting;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.contract.BotCommand;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.ContractJson;
import dev.wabots.whatsapp.CloudApiLimits;
import dev.wabots.whatsapp.LimitViolationException;
import dev.wabots.whatsapp.MessageRequest;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.TemplateComponent;
import dev.wabots.whatsapp.TemplateMessage;
import dev.wabots.whatsapp.TemplateParameter;
import dev.wabots.whatsapp.TextMessage;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

/**
 * What people do with one customer's conversation through the bot: take it over, hand it back
 * (the bot greets the customer again with the menu), reply (free text inside the 24-hour window;
 * replying takes the conversation over), send a template, or erase the customer. Messages go
 * through the customer's lane like the bot's own.
 */
@ApplicationScoped
public class Conversation {

  private static final Logger LOG = System.getLogger(Conversation.class.getName());

  private final BotDatabase database;

  private final Handoffs handoffs;

  private final Inbox inbox;

  private final Outbox outbox;

  private final Processor processor;

  private final Notices notices;

  private final Configuration configuration;

  private final Clock clock;

  /** For the container's proxy. */
  protected Conversation() {
    this(null, null, null, null, null, null, null, null);
  }

  @Inject
  public Conversation(BotDatabase database, Handoffs handoffs, Inbox inbox, Outbox outbox, Processor processor,
      Notices notices, Configuration configuration) {
    this(database, handoffs, inbox, outbox, processor, notices, configuration, Clock.systemUTC());
  }

  /** With a clock of the caller's (tests of the automatic hand-back). */
  public Conversation(BotDatabase database, Handoffs handoffs, Inbox inbox, Outbox outbox, Processor processor,
      Notices notices, Configuration configuration, Clock clock) {
    this.database = database;
    this.handoffs = handoffs;
    this.inbox = inbox;
    this.outbox = outbox;
    this.processor = processor;
    this.notices = notices;
    this.configuration = configuration;
    this.clock = clock;
  }

  @Resource ManagedScheduledExecutorService scheduler;

  /**
   * Starts the automatic hand-back of customers whose person went silent for the bot's
   * {@code handback_after_hours} (checked every minute).
   */
  public void start() {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        handBackSilent();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Automatic hand-back failed: {0}", e.getMessage());
      }
    }, 1, 1, TimeUnit.MINUTES);
  }

  /** Carries out a command. */
  public CommandResult handle(BotCommand command) {
    String phone = command.phone();
    String operator = command.operator() == null || command.operator().isBlank() ? "operator" : command.operator();
    if (command instanceof BotCommand.TakeOver) {
      database.transactions().writing(s -> handoffs.takeOver(s, phone, operator));
      LOG.log(Level.INFO, "{0} took over the conversation with {1}", operator, phone);
      return CommandResult.ok("taken over: the bot is silent for this customer until handed back");
    }
    if (command instanceof BotCommand.HandBack back) {
      boolean was = handBack(phone, operator, back.reason() == null ? "operator" : back.reason());
      return CommandResult.ok(was ? "handed back: the bot answers again" : "the bot already answers this customer");
    }
    if (command instanceof BotCommand.Reply reply) {
      String text = reply.text() == null ? "" : reply.text().strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("text is required");
      }
      if (CloudApiLimits.length(text) > CloudApiLimits.TEXT_BODY) {
        throw new IllegalArgumentException("text is longer than " + CloudApiLimits.TEXT_BODY + " characters");
      }
      if (inbox.windowClosed(phone, clock.instant())) {
        return CommandResult.refused("window_closed", "the customer last wrote more than 24 hours ago (or never):"
            + " WhatsApp allows only approved templates until they write again");
      }
      Reply.Send send = Reply.Send.of(new TextMessage(text, false).to(PhoneNumber.parse(phone)));
      database.transactions().writing(s -> {
        if (handoffs.of(phone).filter(Handoffs.Handoff::withPerson).isEmpty()) {
          handoffs.takeOver(s, phone, operator);
        }
        handoffs.personActive(s, phone);
        inbox.enqueue(s, phone, List.of(send), operator, ContractJson.write(command));
      });
      processor.kick(List.of(phone));
      return CommandResult.ok("queued");
    }
    if (command instanceof BotCommand.SendTemplate template) {
      Reply.Send send;
      try {
        List<TemplateParameter> values = new ArrayList<>();
        template.parameters().forEach(p -> values.add(new TemplateParameter.Text(p)));
        List<TemplateComponent> components = values.isEmpty() ? List.of() : List.of(new TemplateComponent.Body(values));
        send = Reply.Send.of(new TemplateMessage(template.name(), template.language(), components)
            .to(PhoneNumber.parse(phone)));
      } catch (LimitViolationException | NullPointerException e) {
        throw new IllegalArgumentException("template: " + e.getMessage());
      }
      database.transactions().writing(s -> {
        handoffs.personActive(s, phone);
        inbox.enqueue(s, phone, List.of(send), operator, ContractJson.write(command));
      });
      processor.kick(List.of(phone));
      return CommandResult.ok("queued");
    }
    if (command instanceof BotCommand.Erase) {
      erase(phone, operator);
      return CommandResult.ok("erased");
    }
    if (command instanceof BotCommand.PaymentReceived paid) {
      return paymentReceived(phone, operator, paid);
    }
    if (command instanceof BotCommand.ShowScreen show) {
      return showScreen(phone, operator, show);
    }
    throw new IllegalArgumentException("unknown command");
  }

  /**
   * Confirms a payment to the customer: the definition's {@code payment_received} screen (or the
   * bot's own notice), once per payment; refused when WhatsApp's 24-hour window is closed.
   */
  private CommandResult paymentReceived(String phone, String operator, BotCommand.PaymentReceived paid) {
    java.math.BigDecimal amount;
    try {
      amount = new java.math.BigDecimal(paid.amount() == null ? "" : paid.amount().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount must be a number of rubles, e.g. 5000.00");
    }
    if (amount.signum() <= 0 || paid.operationId() == null || paid.operationId().isBlank()) {
      throw new IllegalArgumentException("a payment needs a positive amount and its operation_id");
    }
    if (inbox.windowClosed(phone, clock.instant())) {
      return CommandResult.refused("window_closed", "the customer last wrote more than 24 hours ago (or never):"
          + " only an approved template can tell them");
    }
    PhoneNumber to = PhoneNumber.parse(phone);
    MessageRequest confirmation = database.funnel().paymentReceived(to, amount)
        .orElseGet(() -> new TextMessage(notices.text("paid", amount.toPlainString()), false).to(to));
    long seq = database.transactions().write(s -> inbox.enqueue(s, phone, List.of(Reply.Send.of(confirmation)),
        operator, ContractJson.write(paid), "payment:" + paid.operationId()));
    if (seq < 0) {
      return CommandResult.ok("already confirmed to the customer");
    }
    LOG.log(Level.INFO, "Payment {0} of {1} confirmed to {2}", paid.operationId(), amount.toPlainString(), phone);
    processor.kick(List.of(phone));
    return CommandResult.ok("queued");
  }

  /** Sends one screen of the funnel (the panel's "Try it"); refused when the 24-hour window is closed. */
  private CommandResult showScreen(String phone, String operator, BotCommand.ShowScreen show) {
    if (show.screen() == null || show.screen().isBlank()) {
      throw new IllegalArgumentException("screen is required");
    }
    if (inbox.windowClosed(phone, clock.instant())) {
      return CommandResult.refused("window_closed", "the customer last wrote more than 24 hours ago (or never):"
          + " write to the bot first");
    }
    MessageRequest screen;
    try {
      screen = database.funnel().screen(PhoneNumber.parse(phone), show.screen());
    } catch (IllegalStateException e) {
      return CommandResult.refused("needs_conversation", e.getMessage());
    }
    database.transactions().writing(s -> inbox.enqueue(s, phone, List.of(Reply.Send.of(screen)), operator,
        ContractJson.write(show)));
    processor.kick(List.of(phone));
    return CommandResult.ok("queued");
  }

  /** Hands the customer back to the bot; it greets them again. @return whether a person had them */
  public boolean handBack(String phone, String operator, String reason) {
    boolean[] was = {false};
    database.transactions().writing(s -> {
      Optional<Handoffs.Handoff> ended = handoffs.handBack(s, phone, operator, reason);
      was[0] = ended.isPresent();
      if (ended.filter(Handoffs.Handoff::withPerson).isPresent()) {
        PhoneNumber to = PhoneNumber.parse(phone);
        List<Reply> greeting = List.of(Reply.Send.of(new TextMessage(notices.text("back"), false).to(to)),
            Reply.Send.of(database.funnel().menu(to)));
        inbox.enqueue(s, phone, greeting, null, "{\"kind\":\"hand_back\"}");
      }
    });
    if (was[0]) {
      processor.kick(List.of(phone));
      LOG.log(Level.INFO, "The conversation with {0} is back with the bot ({1})", phone, reason);
    }
    return was[0];
  }

  /** Customers whose person has been silent for the bot's hand-back time: handed back. */
  public void handBackSilent() {
    handBackSilent(configuration.settings().handoff().handBackAfter());
  }

  /** Customers whose person has been silent for {@code silence}: handed back. */
  public void handBackSilent(Duration silence) {
    for (String phone : handoffs.silentFor(silence, clock.instant())) {
      handBack(phone, null, "operator_silent");
    }
  }

  /** Forgets the customer: messages, funnel data, AI history; the orchestrator forgets them too. */
  void erase(String phone, String operator) {
    database.transactions().writing(s -> {
      database.funnel().forget(PhoneNumber.parse(phone));
      s.update("DELETE FROM ai_history WHERE phone = ?", phone);
      s.update("DELETE FROM ai_answers WHERE phone = ?", phone);
      Drafting.forget(s, phone);
      s.update("DELETE FROM inbox WHERE phone = ?", phone);
      s.update("DELETE FROM outbound WHERE phone = ?", phone);
      s.update("DELETE FROM statuses WHERE recipient = ?", phone);
      s.update("DELETE FROM conversations WHERE phone = ?", phone);
      s.update("DELETE FROM handoff WHERE phone = ?", phone);
      s.update("DELETE FROM outbox WHERE phone = ?", phone);
      outbox.append(s, phone, new BotEvent.Erased(operator));
    });
    LOG.log(Level.INFO, "{0} erased the customer {1}", operator, phone);
  }
}
