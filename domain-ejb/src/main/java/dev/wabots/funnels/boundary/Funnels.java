package dev.wabots.funnels.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.funnel.DefinitionProblem;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelReport;
import dev.wabots.funnel.InvalidDefinitionException;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.funnels.entity.FunnelOverride;
import dev.wabots.instances.control.InstanceAccess;
import dev.wabots.instances.entity.WhatsAppInstance;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.Unavailable;
import dev.wabots.platform.StrictJson;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.control.BotHttp;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Each bot's sales funnel as the orchestrator sees it: the conversion report, which the bot's
 * running process builds from its own database (the orchestrator never opens a bot's files), and
 * the definition in effect — the default of the bot's language or the bot's own,
 * validated before it is stored.
 */
@Stateless
public class Funnels {

  public static final int MAX_DAYS = 366;
  public static final int MAX_DEFINITION_CHARS = 500_000;

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject AuditLog audit;

  @Inject BotCallers bots;

  @Inject BotProcesses processes;

  @Inject dev.wabots.funnels.control.ProfileStore profiles;

  /** Users and conversion per step over the last {@code days} days (empty before the bot's first message). */
  public FunnelReport report(String id, int days) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    if (days < 1 || days > MAX_DAYS) {
      throw Invalid.of("days", "must be from 1 to " + MAX_DAYS);
    }
    if (processes.stateOf(bot.id()) == ProcessState.RUNNING) {
      try {
        return fromBot(bot.id(), days);
      } catch (Unavailable | dev.wabots.platform.Conflict e) {
        // stopped meanwhile, or not answering: the event stream has it too
      }
    }
    return fromEvents(bot.id(), days);
  }

  /** The running bot's report from its own database (all its history). */
  private FunnelReport fromBot(String botId, int days) {
    BotHttp.Answer answer = processes.callBot(botId, "/internal/report?days=" + days, null);
    if (answer.status() != 200) {
      throw new Unavailable("bot '" + botId + "' could not build its report (HTTP " + answer.status() + ")");
    }
    try {
      return ContractJson.read(answer.body(), FunnelReport.class);
    } catch (ContractException e) {
      throw new Unavailable("bot '" + botId + "' answered with an unreadable report: " + e.getMessage());
    }
  }

  /**
   * The report from the funnel events the bot delivered to the orchestrator (its event stream): for
   * a bot that is not running. Customers are counted once per step, as the bot counts them.
   */
  private FunnelReport fromEvents(String botId, int days) {
    Instant now = Instant.now();
    Instant from = now.minus(java.time.Duration.ofDays(days));
    String since = dev.wabots.platform.InstantText.FIXED_TEXT.apply(from);
    String until = dev.wabots.platform.InstantText.FIXED_TEXT.apply(now);
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> byEvent = em.createNativeQuery("SELECT f.event, COUNT(DISTINCT f.conversation_id) FROM funnel_events f"
            + " JOIN conversations c ON c.id = f.conversation_id WHERE c.bot_id = ? AND f.at >= ? AND f.at < ?"
            + " GROUP BY f.event")
        .setParameter(1, botId).setParameter(2, since).setParameter(3, until).getResultList();
    byEvent.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    @SuppressWarnings("unchecked")
    List<Object[]> bySegment = em.createNativeQuery("SELECT json_extract(f.data, '$.segment'),"
            + " COUNT(DISTINCT f.conversation_id) FROM funnel_events f JOIN conversations c ON c.id = f.conversation_id"
            + " WHERE c.bot_id = ? AND f.at >= ? AND f.at < ? AND f.event = ? GROUP BY 1")
        .setParameter(1, botId).setParameter(2, since).setParameter(3, until)
        .setParameter(4, dev.wabots.funnel.FunnelEvent.QUIZ_COMPLETED).getResultList();
    bySegment.stream().filter(r -> r[0] != null)
        .forEach(r -> counts.put(FunnelReport.segmentKey(r[0].toString()), ((Number) r[1]).longValue()));
    Number active = (Number) em.createNativeQuery("SELECT COUNT(DISTINCT f.conversation_id) FROM funnel_events f"
            + " JOIN conversations c ON c.id = f.conversation_id WHERE c.bot_id = ? AND f.at >= ? AND f.at < ?")
        .setParameter(1, botId).setParameter(2, since).setParameter(3, until).getSingleResult();
    return FunnelReport.of(days, from, now, active == null ? 0 : active.longValue(), counts);
  }

  public FunnelDefinitionView definition(String id) {
    WhatsAppInstance bot = InstanceAccess.visible(em, id, callers.current());
    return view(bot, em.find(FunnelOverride.class, bot.id()));
  }

  /** Replaces the bot's funnel with its own definition; refused with every problem named. */
  public FunnelDefinitionView override(String id, String json) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    if (json == null || json.isBlank()) {
      throw Invalid.of("definition", "is required (a funnel definition as JSON)");
    }
    if (json.length() > MAX_DEFINITION_CHARS) {
      throw Invalid.of("definition", "is larger than " + MAX_DEFINITION_CHARS + " characters");
    }
    try {
      StrictJson.read(json); // one value, no key twice, bounded depth: as every body of the API
    } catch (StrictJson.MalformedJson e) {
      throw Invalid.of("definition", e.getMessage());
    }
    List<DefinitionProblem> problems;
    try {
      problems = FunnelDefinition.read(json).validate();
    } catch (InvalidDefinitionException e) {
      throw Invalid.of("definition", e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems.stream()
          .map(p -> new FieldError("definition." + p.node(), p.rule().name().toLowerCase() + ": " + p.message()))
          .toList());
    }
    if (bot.profile() != null) {
      List<dev.wabots.funnel.ProfileProblem> clashes = FunnelDefinition.read(json).profileProblems(profiles.withSecret(bot));
      if (!clashes.isEmpty()) {
        throw new Invalid(clashes.stream()
            .map(p -> new FieldError("profile." + p.field(), "the bot's business profile does not fit this definition: "
                + p.message()))
            .toList());
      }
    }
    FunnelOverride current = em.find(FunnelOverride.class, bot.id());
    if (current == null) {
      current = new FunnelOverride(bot.id(), json, caller.username(), Instant.now());
      em.persist(current);
    } else {
      current.replace(json, caller.username(), Instant.now());
    }
    audit.record(caller.username(), "funnel.definition_changed", bot.id(), AuditLog.details("chars", json.length()));
    return view(bot, current);
  }

  /**
   * The bot sends screen {@code screen} of its funnel to a test number of its sandbox (the panel's
   * "Try it": the test chat opens on that screen).
   *
   * @throws Conflict for a live bot, a stopped one, a number outside the 24-hour window, or a
   *     screen that needs values only a conversation has (field {@code window_closed}, {@code
   *     needs_conversation} …)
   * @throws Invalid for a screen the definition does not have
   */
  public void showScreen(String id, String phone, String screen) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    if (bot.mode() != WhatsAppInstance.Mode.SANDBOX) {
      throw dev.wabots.platform.Conflict.onField("mode", "only a sandbox bot's test chat opens on a screen");
    }
    if (phone == null || !phone.matches("[0-9]{5,20}") || screen == null || screen.isBlank()) {
      throw Invalid.of("screen", "a test number (digits) and a screen are required");
    }
    BotHttp.Answer answer = processes.callBot(bot.id(), "/internal/commands",
        ContractJson.write(new dev.wabots.contract.BotCommand.ShowScreen(phone, caller.username(), screen)));
    if (answer.status() == 400) {
      throw Invalid.of("screen", "the bot's definition has no screen '" + screen + "'");
    }
    dev.wabots.contract.CommandResult result;
    try {
      result = ContractJson.read(answer.body(), dev.wabots.contract.CommandResult.class);
    } catch (ContractException e) {
      throw new Unavailable("bot '" + bot.id() + "' answered HTTP " + answer.status() + " without a result");
    }
    if (answer.status() != 200 || !result.done()) {
      throw dev.wabots.platform.Conflict.onField(result.error() == null ? "screen" : result.error(),
          result.message() == null ? "refused" : result.message());
    }
  }

  /** Back to the default definition of the bot's language. */
  public FunnelDefinitionView reset(String id) {
    Caller caller = callers.writer();
    WhatsAppInstance bot = InstanceAccess.visible(em, id, caller);
    FunnelOverride current = em.find(FunnelOverride.class, bot.id());
    if (current != null) {
      em.remove(current);
      audit.record(caller.username(), "funnel.definition_reset", bot.id(), AuditLog.details());
    }
    return view(bot, null);
  }

  /**
   * The definition the calling bot runs: its own or its language's default, with its business
   * profile written in; empty when it has neither (the bot uses its language's default).
   */
  public Optional<String> definitionForCallingBot() {
    String id = bots.callingBot();
    WhatsAppInstance bot = em.find(WhatsAppInstance.class, id);
    FunnelOverride own = em.find(FunnelOverride.class, id);
    if (bot == null || (own == null && bot.profile() == null)) {
      return Optional.ofNullable(own).map(FunnelOverride::definition);
    }
    String json = own == null ? FunnelDefinition.defaultJson(bot.language()) : own.definition();
    return Optional.of(profiles.forBot(bot, json));
  }

  private static FunnelDefinitionView view(WhatsAppInstance bot, FunnelOverride own) {
    String json = own == null ? FunnelDefinition.defaultJson(bot.language()) : own.definition();
    List<FunnelDefinitionView.Problem> problems;
    try {
      problems = FunnelDefinition.read(json).validate().stream()
          .map(p -> new FunnelDefinitionView.Problem(p.node(), p.rule().name().toLowerCase(), p.message()))
          .toList();
    } catch (InvalidDefinitionException e) {
      problems = List.of(new FunnelDefinitionView.Problem("", "readable", e.getMessage()));
    }
    return new FunnelDefinitionView(bot.id(), bot.language(), own != null, own == null ? null : own.updated(),
        own == null ? null : own.updatedBy(), json, problems);
  }
}
