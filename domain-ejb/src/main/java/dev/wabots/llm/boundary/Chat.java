package dev.wabots.llm.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.llm.control.Attempt;
import dev.wabots.llm.control.ChatRules;
import dev.wabots.llm.control.Circuits;
import dev.wabots.llm.control.LlmSettings;
import dev.wabots.llm.control.Personas;
import dev.wabots.llm.control.Prompt;
import dev.wabots.llm.control.ProviderKeys;
import dev.wabots.llm.control.Route;
import dev.wabots.llm.control.BotAiCache;
import dev.wabots.llm.control.Router;
import dev.wabots.llm.control.Target;
import dev.wabots.llm.entity.BotAi;
import dev.wabots.llm.entity.ChatMessage;
import dev.wabots.llm.entity.LlmProvider;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.notifications.boundary.BotAlert;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.security.Role;
import dev.wabots.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bot asks its AI: the orchestrator adds the system prompt (the bot's, else the default persona
 * for its language), routes to the bot's backend and, if that fails, to its fallback provider.
 * No transaction is held while a model thinks; usage is recorded per attempt.
 *
 * <p>A plain CDI bean, not an EJB: it never runs in a transaction (its reads go to the database
 * without one, as they did when it was a {@code NOT_SUPPORTED} session bean; the usage rows and
 * the audit entry are written by their own beans), and every AI answer of the fleet passes here,
 * where the EJB container's invocation around it cost more than the method's own work (~4 % and
 * ~3 % of a busy orchestrator's samples, BENCHMARKS.md "The authentication bridge"). Its callers
 * hold no transaction either: the chat servlet, the panel's AI tab and the circuits resource.
 */
@ApplicationScoped
public class Chat {

  /** The longest question a person may try a bot's AI with. */
  public static final int MAX_TEST_QUESTION = 2000;

  @PersistenceContext EntityManager em;

  @Inject BotCallers bots;

  @Inject LlmSettings settings;

  @Inject ProviderKeys keys;

  @Inject Router router;

  @Inject BotAiCache botAi;

  @Inject Circuits circuits;

  @Inject dev.wabots.metrics.control.AiCalls aiCalls;

  @Inject dev.wabots.llm.control.UsageQueue usage;

  @Inject Callers callers;

  @Inject AuditLog audit;

  @Inject AiFailureStreaks streaks;

  @Inject dev.wabots.notifications.boundary.Notifications notifications;

  /**
   * @throws Invalid when the conversation breaks {@link ChatRules}
   * @throws LlmUnavailable when every backend of the chain failed
   */
  public ChatReply reply(String phone, List<ChatMessage> messages) {
    String instanceId = bots.callingBot();
    List<FieldError> errors = ChatRules.check(phone, messages, settings.chatLimits());
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    BotAi bot = botAi.get(instanceId, id -> em.createQuery(BotAi.QUERY, BotAi.class)
            .setParameter("id", id)
            .getResultStream()
            .findFirst())
        .orElseThrow(() -> new NotFound("instance", instanceId));
    Prompt prompt = new Prompt(systemPrompt(bot), messages, bot.llmParams());
    List<Attempt> done = new ArrayList<>();
    try {
      List<Route> chain = chain(bot);
      for (int i = 0; i < chain.size(); i++) {
        Attempt a = router.attempt(chain.get(i), prompt);
        done.add(a);
        if (a.ok()) {
          return new ChatReply(a.completion().text(), a.backend(), a.model(), a.latencyMs(),
              a.completion().promptTokens(), a.completion().completionTokens(), i > 0);
        }
      }
      throw new LlmUnavailable(done);
    } finally {
      usage.add(instanceId, done);
      aiCalls.record(instanceId, done);
      boolean answered = !done.isEmpty() && done.get(done.size() - 1).ok();
      if (streaks.after(instanceId, answered)) {
        notifications.raiseAlert(new BotAlert(instanceId, dev.wabots.notifications.boundary.Notifications.AI_FAILING,
            AiFailureStreaks.ALERT_AFTER + " questions in a row without an answer; last: "
                + (done.isEmpty() ? "no backend" : done.get(done.size() - 1).backend() + ": "
                    + (done.get(done.size() - 1).failure() == null ? "failed"
                        : done.get(done.size() - 1).failure().kind() + " " + done.get(done.size() - 1).failure().getMessage())),
            java.time.Instant.now()));
      }
    }
  }

  /**
   * A person tries the bot's saved AI settings with one question: the same system prompt,
   * parameters and chain (backend, then fallback) as the bot's users get, without a history.
   * Writers only, since a call may cost money; the calls count in the usage figures without the
   * bot (like provider tests), and the try is audited.
   *
   * @throws Invalid when the question is empty or longer than {@value #MAX_TEST_QUESTION} characters
   */
  public ChatTest test(String instanceId, String question) {
    Caller caller = callers.writer();
    WhatsAppInstance visible = InstanceAccess.visible(em, instanceId, caller);
    String text = question == null ? "" : question.strip();
    if (text.isEmpty() || text.length() > MAX_TEST_QUESTION) {
      throw Invalid.of("question", "is required, at most " + MAX_TEST_QUESTION + " characters");
    }
    BotAi bot = em.createQuery(BotAi.QUERY, BotAi.class).setParameter("id", visible.id()).getSingleResult();
    Prompt prompt = new Prompt(systemPrompt(bot), List.of(new ChatMessage(ChatMessage.USER, text)), bot.llmParams());
    List<Attempt> done = new ArrayList<>();
    ChatTest result = null;
    try {
      for (Route route : chain(bot)) {
        Attempt a = router.tryOut(route, prompt); // a person asks: even an open circuit is tried
        done.add(a);
        if (a.ok()) {
          result = new ChatTest(true, a.completion().text(), a.backend(), a.model(), a.latencyMs(), done.size() > 1,
              failures(done));
          break;
        }
      }
      if (result == null) {
        Attempt last = done.get(done.size() - 1);
        result = new ChatTest(false, null, last.backend(), last.model(), last.latencyMs(), false, failures(done));
      }
      return result;
    } finally {
      usage.add(null, done);
      audit.recordAlone(caller.username(), "instance.ai_test", visible.id(), AuditLog.details(
          "ok", result != null && result.ok(),
          "error", result == null || result.ok() ? null : result.failures().get(result.failures().size() - 1).error()));
    }
  }

  /**
   * The circuit breakers of the bot's chain (backend, then fallback) as they are now: closed, or
   * open with the failures that opened it and when a call is let through again.
   */
  public List<CircuitView> circuits(String instanceId) {
    WhatsAppInstance visible = InstanceAccess.visible(em, instanceId, callers.current());
    BotAi bot = em.createQuery(BotAi.QUERY, BotAi.class).setParameter("id", visible.id()).getSingleResult();
    return chain(bot).stream().filter(r -> r.broken() == null).map(r -> CircuitView.of(circuits.view(r.backend()))).toList();
  }

  private static List<LlmUnavailable.Failed> failures(List<Attempt> done) {
    return done.stream().filter(a -> !a.ok()).map(LlmUnavailable.Failed::of).toList();
  }

  private static String systemPrompt(BotAi bot) {
    return bot.systemPrompt() != null && !bot.systemPrompt().isBlank()
        ? bot.systemPrompt()
        : Personas.defaultPrompt(bot.languageOrDefault());
  }

  /** The bot's backend, then its fallback provider when it names a different one. */
  List<Route> chain(BotAi bot) {
    List<Route> chain = new ArrayList<>();
    String backend = bot.llmBackend();
    String primaryProvider = null;
    if ("vllm".equals(backend)) {
      chain.add(Route.to(settings.vllm()));
    } else if ("gemini".equals(backend)) {
      chain.add(geminiProviderFor(bot).map(this::routeTo).orElseGet(() -> Route.to(settings.gemini())));
    } else if (backend != null && backend.startsWith("cloud:")) {
      primaryProvider = backend.substring("cloud:".length());
      chain.add(providerRoute(primaryProvider));
    } else {
      chain.add(Route.broken(String.valueOf(backend), "unknown llm_backend '" + backend + "'"));
    }
    String fallback = bot.llmFallback();
    if (fallback != null && !fallback.equals(primaryProvider)) {
      chain.add(providerRoute(fallback));
    }
    return chain;
  }

  private Route providerRoute(String id) {
    LlmProvider p = em.find(LlmProvider.class, id);
    if (p == null) {
      return Route.broken("cloud:" + id, "provider '" + id + "' does not exist");
    }
    if (!p.enabled()) {
      return Route.broken(p.backend(), "provider '" + id + "' is disabled");
    }
    return routeTo(p);
  }

  private Route routeTo(LlmProvider p) {
    try {
      return Route.to(target(p, keys));
    } catch (IllegalStateException e) {
      return Route.broken(p.backend(), "the API key of provider '" + p.id() + "' does not decrypt with this orchestrator's key");
    }
  }

  /** The provider as a call target; the key is opened here and lives only in this call. */
  static Target target(LlmProvider p, ProviderKeys keys) {
    String key = p.storedKey() == null ? null : keys.open(p.id(), p.storedKey());
    return new Target(p.backend(), p.type(), p.baseUrl(), p.model(), key, p.publicOnly());
  }

  /**
   * {@code llm_backend = gemini} on a stored provider when there is one: the oldest enabled Gemini
   * provider that the bot's owner owns, or an admin owns, or nobody owns.
   */
  private Optional<LlmProvider> geminiProviderFor(BotAi bot) {
    return em.createNamedQuery(LlmProvider.ENABLED_OF_TYPE, LlmProvider.class)
        .setParameter("type", ProviderType.GEMINI.id())
        .setParameter("on", true)
        .getResultStream()
        .filter(p -> p.ownerId() == null || Objects.equals(p.ownerId(), bot.ownerId()) || ownedByAdmin(p))
        .findFirst();
  }

  private boolean ownedByAdmin(LlmProvider p) {
    User owner = em.find(User.class, p.ownerId());
    return owner != null && owner.role() == Role.ADMIN;
  }
}
