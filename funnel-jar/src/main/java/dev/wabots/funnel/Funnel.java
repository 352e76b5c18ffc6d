package dev.wabots.funnel;

import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.MessageRequest;
import dev.wabots.whatsapp.PhoneNumber;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The funnel for one bot, in one call: load the user's state, run the engine, persist state and
 * events in one transaction, return the addressed messages. Thread-safe; the bot should still
 * serialise events per phone number so they are processed in arrival order.
 *
 * <pre>{@code
 * Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")),
 *     SqliteFunnelStore.open(Path.of("data/wa_sales_" + id + ".db")), new BotInstanceId(id), Clock.systemUTC());
 * FunnelReply reply = funnel.handle(inboundMessage);
 * }</pre>
 */
public final class Funnel {
  private static final System.Logger LOG = System.getLogger(Funnel.class.getName());

  private final FunnelEngine engine;
  private final FunnelStore store;
  private final BotInstanceId bot;
  private final Clock clock;

  /**
   * @param engine the engine with the bot's definition
   * @param store the bot's store (not closed by this class)
   * @param bot this bot's instance id
   * @param clock the time source for timestamps
   */
  public Funnel(FunnelEngine engine, FunnelStore store, BotInstanceId bot, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.bot = Objects.requireNonNull(bot, "bot");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Handles a parsed webhook message: its sender, profile name and content. */
  public FunnelReply handle(InboundMessage message) {
    return handle(message.from(), message.profileName().orElse(null), message.content());
  }

  /**
   * Handles one inbound message.
   *
   * @param phone the sender
   * @param profileName the sender's profile name, or null
   * @param content what the sender sent
   * @throws FunnelStoreException if the store fails (nothing was written)
   */
  public FunnelReply handle(PhoneNumber phone, String profileName, MessageContent content) {
    return handle(phone, profileName, FunnelInput.of(content));
  }

  /**
   * Handles one input. Over a shared database the step joins the write transaction the caller has
   * open on this thread, so a caller that must send each reply exactly once can persist its plan
   * atomically with the state change (see {@link dev.wabots.funnel.store.Transactions}).
   *
   * @throws FunnelStoreException if the store fails (nothing was written)
   */
  public FunnelReply handle(PhoneNumber phone, String profileName, FunnelInput input) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Outcome outcome =
        store.apply(
            phone,
            current -> {
              UserState user = current.orElseGet(() -> UserState.newUser(phone, now)).withProfileName(profileName);
              return engine.step(user, input, bot, now);
            });
    for (FunnelEvent event : outcome.events()) {
      if (event.type().equals(FunnelEvent.UNKNOWN_REPLY) || event.type().equals(FunnelEvent.STALE_REPLY)) {
        LOG.log(Level.INFO, "bot {0}: {1} {2}", bot, event.type(), event.data());
      }
    }
    return reply(phone, outcome);
  }

  private static FunnelReply reply(PhoneNumber phone, Outcome outcome) {
    List<MessageRequest> messages = outcome.messages().stream().map(m -> m.to(phone)).toList();
    return new FunnelReply(messages, outcome.aiText(), outcome.events(), outcome.draft(), outcome.state());
  }

  /** The main menu addressed to {@code phone} (to append after an AI answer or a notice). */
  public MessageRequest menu(PhoneNumber phone) {
    return engine.definition().menu().to(phone);
  }

  /**
   * Screen {@code key} of the definition addressed to {@code phone} — e.g. a screen a {@link
   * DraftRequest} names.
   *
   * @throws IllegalArgumentException if the definition has no such screen
   */
  public MessageRequest screen(String key, PhoneNumber phone, String profileName) {
    return engine.definition().render(key, profileName).to(phone);
  }

  /**
   * The echo of a voice note ("I heard: …" in the definition's language) addressed to {@code
   * phone}, or empty if no definition has the {@code voice_heard} screen (see {@link
   * FunnelDefinition#heard}).
   */
  public java.util.Optional<MessageRequest> heard(PhoneNumber phone, String transcript, String profileName) {
    return engine.definition().heard(transcript, profileName).map(m -> m.to(phone));
  }

  /** The welcome screen addressed to {@code phone}, greeting by {@code profileName} if usable. */
  public MessageRequest welcome(PhoneNumber phone, String profileName) {
    return engine.definition().welcome(profileName).to(phone);
  }

  /**
   * Screen {@code key} of the definition addressed to {@code phone} (see {@link
   * FunnelDefinition#render}).
   *
   * @throws IllegalArgumentException if the definition has no such screen
   * @throws IllegalStateException if the screen needs values only the conversation has
   */
  public MessageRequest screen(PhoneNumber phone, String key) {
    return engine.definition().render(key, null).to(phone);
  }

  /** The payment confirmation addressed to {@code phone}, if the definition has that screen. */
  public java.util.Optional<MessageRequest> paymentReceived(PhoneNumber phone, java.math.BigDecimal amount) {
    return engine.definition().paymentReceived(amount, null).map(m -> m.to(phone));
  }

  /** Forgets everything the funnel stored about {@code phone}. */
  public void forget(PhoneNumber phone) {
    store.forget(phone);
  }

  /** The funnel report for the last {@code days} days. */
  public FunnelReport report(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be positive: " + days);
    }
    return store.report(days, clock.instant());
  }
}
