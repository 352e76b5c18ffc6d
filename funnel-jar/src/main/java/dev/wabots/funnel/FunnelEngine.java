package dev.wabots.funnel;

import dev.wabots.whatsapp.ReplyId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sales funnel of FUNNEL.md as a pure function over a definition: (user state, input) →
 * {@link Outcome} (messages, new state, events, or text for the AI). No I/O, no clock, no
 * shared mutable state: safe to call from many threads.
 *
 * <p>Text routing: a greeting trigger (case-insensitive, trimmed, trailing {@code !.?,} ignored)
 * shows the welcome screen and drops a pending free-text question; otherwise text answers a
 * pending free-text question ({@code custom_step_1}; {@code diy_gpu_custom} while the text looks
 * like a GPU model — the question stays open, so a second model is checked too, and other text
 * goes to the AI and closes it); otherwise it is handed to the AI. A tap on any button other than the discovery's own drops a pending free-text
 * question too (the user moved on). For stale taps in the discovery see {@code CustomFlow}: an
 * answer for another step re-asks the current step and changes nothing.
 */
public final class FunnelEngine {
  private final FunnelDefinition definition;
  private final DefinitionData data;
  private final FunnelMessages messages;
  private final ReplyRouter router;
  private final Set<String> greetings;
  private final QuizFlow quiz;
  private final DiyFlow diy;
  private final CustomFlow custom;
  private final FaqFlow faq;
  private final RequirementsFlow requirements;

  /**
   * An engine on {@code definition} with the business profile it is bound to (its defaults unless
   * {@link FunnelDefinition#withProfile} bound a bot's own).
   *
   * @throws InvalidDefinitionException if the definition has problems
   */
  public FunnelEngine(FunnelDefinition definition) {
    List<DefinitionProblem> problems = definition.validate();
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    this.definition = definition;
    this.data = definition.data();
    this.messages = new FunnelMessages(definition.screens());
    this.router = new ReplyRouter(data);
    this.greetings = data.greetings().stream().map(FunnelEngine::normalize).collect(Collectors.toUnmodifiableSet());
    this.quiz = new QuizFlow(data);
    this.diy = new DiyFlow(data);
    this.custom = new CustomFlow(data, definition.prices());
    this.faq = new FaqFlow(data);
    this.requirements = new RequirementsFlow(data);
  }

  /**
   * An engine on {@code definition} with a bot's business profile laid over the definition's
   * defaults: texts, quote and payment link use the profile's values.
   *
   * @throws InvalidDefinitionException if the definition has problems, or the profile makes a
   *     message break a WhatsApp limit (check first with {@link FunnelDefinition#profileProblems})
   */
  public FunnelEngine(FunnelDefinition definition, BusinessProfile profile) {
    this(definition.withProfile(profile));
  }

  /** The business profile the texts, the quote and the payment link use. */
  public BusinessProfile profile() {
    return definition.profile();
  }

  /** The definition this engine runs, bound to its {@link #profile()}. */
  public FunnelDefinition definition() {
    return definition;
  }

  /**
   * Runs one step.
   *
   * @param user the user's current state ({@link UserState#newUser} for a first contact)
   * @param input what the user did
   * @param bot the bot instance (part of the payment label)
   * @param now the time of the event (becomes {@code last_activity} and discovery timestamps)
   */
  public Outcome step(UserState user, FunnelInput input, BotInstanceId bot, Instant now) {
    Objects.requireNonNull(input, "input");
    Turn turn = new Turn(messages, user.touchedAt(now), Objects.requireNonNull(bot, "bot"), now);
    if (input instanceof FunnelInput.Text text) {
      text(turn, text.text());
    } else if (input instanceof FunnelInput.Reply reply) {
      reply(turn, reply.id());
    } else if (input instanceof FunnelInput.NonText nonText) {
      turn.event("non_text_input", "type", nonText.type());
      turn.screen(Screens.NON_TEXT);
      turn.screen(Screens.MENU);
    } else if (input instanceof FunnelInput.Shared shared) {
      shared(turn, shared);
    }
    return turn.outcome();
  }

  private void text(Turn turn, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    Optional<FunnelState> pending = turn.state().funnelState().filter(FunnelState::awaitsText);
    if (greetings.contains(normalize(text))) {
      if (pending.isPresent()) {
        turn.state(turn.state().withFunnelState(Optional.empty()));
      }
      turn.event(FunnelEvent.START);
      turn.screen(Screens.WELCOME);
    } else if (pending.filter(s -> s == FunnelState.DIY_GPU_CUSTOM).isPresent()) {
      if (DiyFlow.looksLikeGpu(text)) {
        diy.model(turn, text.strip());
      } else {
        turn.state(turn.state().withFunnelState(Optional.empty()));
        ai(turn, text);
      }
    } else if (pending.filter(s -> s.requirementsStep() > 0).isPresent()) {
      requirements.text(turn, text.strip());
    } else if (pending.isPresent()) {
      custom.task(turn, text.strip());
    } else {
      ai(turn, text);
    }
  }

  /** An attachment's screen, or the fallback when the definition has none; the menu after it where due. */
  private void shared(Turn turn, FunnelInput.Shared shared) {
    Attachment attachment = shared.attachment();
    turn.event(FunnelEvent.MEDIA_RECEIVED, "type", attachment.type());
    boolean own = messages.has(attachment.screen());
    String key = own ? attachment.screen() : Screens.NON_TEXT;
    turn.screen(key, messages.screen(key, turn.name(), shared.values()));
    if (!own || attachment.withMenu()) {
      turn.screen(Screens.MENU);
    }
  }

  private static void ai(Turn turn, String text) {
    turn.event(FunnelEvent.AI_FALLBACK, "length", text.codePointCount(0, text.length()));
    turn.askAi(text);
  }

  private void reply(Turn turn, ReplyId id) {
    Action action = router.resolve(id.value());
    if (!action.discoveryAnswer() && turn.state().funnelState().filter(FunnelState::awaitsText).isPresent()) {
      turn.state(turn.state().withFunnelState(Optional.empty()));
    }
    String arg = action.arg();
    switch (action.kind()) {
      case START_QUIZ -> quiz.start(turn);
      case QUIZ_TECH -> quiz.tech(turn, arg);
      case QUIZ_INFRA -> quiz.infra(turn, arg);
      case GPU -> diy.gpu(turn, arg);
      case GPU_OTHER -> diy.askModel(turn);
      case CONTACT -> {
        turn.event(FunnelEvent.CONTACT_REQUESTED);
        turn.screen("contact");
      }
      case BASIC_PAY -> pay(turn);
      case CUSTOM_START -> custom.start(turn, false);
      case CUSTOM_RESTART -> custom.start(turn, true);
      case VOLUME -> custom.volume(turn, id.value(), arg);
      case INTEGRATION -> custom.integration(turn, id.value(), arg);
      case INTEGRATION_NONE -> custom.noIntegrations(turn, id.value());
      case INTEGRATION_MORE -> custom.more(turn, id.value());
      case INTEGRATION_DONE -> custom.done(turn, id.value());
      case TIMELINE -> custom.timeline(turn, id.value(), arg);
      case BUDGET -> custom.budget(turn, id.value(), arg);
      case FAQ_MENU -> faq.menu(turn);
      case FAQ_SECTION -> faq.section(turn, arg);
      case FAQ_ANSWER -> faq.answer(turn, arg);
      case TZ -> {
        turn.event(FunnelEvent.TZ_REQUESTED, "id", id.value());
        turn.screen("coming_soon");
        turn.screen(Screens.MENU);
      }
      case TZ_START -> requirements.start(turn, id.value().equals(ReplyRouter.TZ_RESTART));
      case TZ_ANSWER -> requirements.answer(turn, id.value());
      case NAV_WELCOME -> turn.screen(Screens.WELCOME);
      case NAV_MENU -> turn.screen(Screens.MENU);
      case ROUTE -> route(turn, data.routes().get(arg), id.value());
      case UNKNOWN -> {
        turn.event(FunnelEvent.UNKNOWN_REPLY, "id", id.value());
        turn.screen(Screens.MENU);
      }
    }
  }

  private void pay(Turn turn) {
    FunnelMessages.Paid paid = messages.payment(turn.bot(), turn.state().phone(), turn.name());
    turn.state(turn.state().completed());
    turn.event(
        FunnelEvent.PAYMENT_LINK_SENT,
        "amount", paid.link().amount(),
        "label", paid.link().label());
    turn.screen(FunnelMessages.BASIC_PAY, paid.message());
  }

  /** Logs the route's event (with the reply id and the route's data), then sends its screens. */
  private static void route(Turn turn, DefinitionData.Route route, String id) {
    if (route.event() != null) {
      Object[] data = new Object[2 + 2 * route.data().size()];
      data[0] = "id";
      data[1] = id;
      int i = 2;
      for (Map.Entry<String, String> entry : route.data().entrySet()) {
        data[i++] = entry.getKey();
        data[i++] = entry.getValue();
      }
      turn.event(route.event(), data);
    }
    route.send().forEach(turn::screen);
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("[!.?,…]+$", "").strip().toLowerCase(Locale.ROOT);
  }
}
