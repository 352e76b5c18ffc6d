package dev.wabots.metrics.boundary;

import dev.wabots.contract.BotMetrics;
import dev.wabots.conversations.control.DeliveryLag;
import dev.wabots.llm.control.Circuit;
import dev.wabots.llm.control.Circuits;
import dev.wabots.metrics.control.AiCalls;
import dev.wabots.metrics.control.CallHistograms;
import dev.wabots.metrics.control.BotReports;
import dev.wabots.metrics.control.Exposition;
import dev.wabots.metrics.control.Exposition.Family;
import dev.wabots.metrics.control.Exposition.Type;
import dev.wabots.metrics.control.TtsCalls;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.Unauthorized;
import dev.wabots.processes.boundary.BotProcesses;
import dev.wabots.processes.control.Supervisor;
import dev.wabots.processes.entity.ProcessState;
import dev.wabots.security.BotCallers;
import dev.wabots.security.Callers;
import dev.wabots.security.LoginThrottle;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fleet's metrics in the Prometheus text format ({@code GET /metrics}), for admins or the
 * holder of the metrics token — never anonymous. Per bot (label {@code bot}): what the bot handed
 * over (webhooks, inbox, messages sent, Graph errors), its AI calls (counted here, where they are
 * made), funnel events and hand-offs waiting (from the database); per orchestrator: process
 * states, restarts, crash loops, event-delivery lag, login failures and the AI circuit breakers.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetMetrics {

  /** Shorter tokens are refused at start: a metrics token is a password. */
  public static final int MIN_TOKEN = 24;

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject BotCallers bots;

  @Inject BotReports reports;

  @Inject AiCalls ai;

  @Inject TtsCalls tts;

  @Inject BotProcesses processes;

  @Inject DeliveryLag lag;

  @Inject LoginThrottle logins;

  @Inject Circuits circuits;

  @Inject FleetHealth health;

  /** The separate token of scrapers (Prometheus' {@code authorization.credentials}); empty: admins only. */
  @Inject
  @ConfigProperty(name = "wabots.metrics.token")
  Optional<String> metricsToken; // an empty default would count as no value at all

  /** A bot hands over its counters. */
  public void accept(String body) {
    String bot = bots.callingBot(); // who sends comes before what they sent: 401/403 before 400
    BotMetrics metrics;
    try {
      metrics = dev.wabots.contract.ContractJson.read(body, BotMetrics.class);
    } catch (dev.wabots.contract.ContractException e) {
      throw Invalid.of("body", e.getMessage());
    }
    if (metrics.bot() != null && !metrics.bot().equals(bot)) {
      throw new Forbidden("a bot may only report its own metrics");
    }
    List<String> problems = reports.accept(bot, metrics, Instant.now());
    if (!problems.isEmpty()) {
      throw Invalid.of("samples", String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
  }

  /**
   * The scrape. {@code bearer} is the token the scraper presented (null: none); an admin's token
   * or panel session passes too.
   *
   * @throws Unauthorized without a credential; Forbidden for a person who is not an admin
   */
  public String scrape(String bearer) {
    if (!tokenMatches(bearer) && !callers.adminCalling()) {
      callers.admin(); // throws the right refusal: 401 for nobody, 403 for a non-admin
      throw new Unauthorized("the metrics token or an admin's token is required");
    }
    List<String> ids = em.createQuery("SELECT i.id FROM WhatsAppInstance i ORDER BY i.id", String.class).getResultList();
    Exposition out = new Exposition();
    botReports(out, ids);
    aiCalls(out, new java.util.HashSet<>(ids));
    ttsCalls(out, new java.util.HashSet<>(ids));
    database(out);
    processes(out, ids);
    orchestrator(out);
    return out.text();
  }

  private boolean tokenMatches(String bearer) {
    String token = metricsToken == null ? "" : metricsToken.orElse("").strip();
    if (token.length() < MIN_TOKEN || bearer == null) {
      return false;
    }
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), bearer.getBytes(StandardCharsets.UTF_8));
  }

  private void botReports(Exposition out, List<String> ids) {
    Instant now = Instant.now();
    Map<String, BotReports.Report> byBot = new TreeMap<>();
    ids.forEach(id -> reports.of(id).ifPresent(r -> byBot.put(id, r)));
    new TreeMap<>(BotReports.KNOWN).forEach((name, known) -> {
      Family f = out.family("wabots_bot_" + name, known.type(), known.help());
      byBot.forEach((bot, report) -> report.samples().stream().filter(s -> s.name().equals(name)).forEach(s -> {
        if (known.label() == null) {
          f.sample(s.value(), "bot", bot);
        } else {
          f.sample(s.value(), "bot", bot, known.label(), s.labels().get(known.label()));
        }
      }));
    });
    Family age = out.family("wabots_bot_report_age_seconds", Type.GAUGE,
        "Seconds since the bot last handed over its counters (large: the bot's figures are stale)");
    byBot.forEach((bot, r) -> age.sample(Duration.between(r.at(), now).toMillis() / 1000.0, "bot", bot));
  }

  private void aiCalls(Exposition out, java.util.Set<String> existing) {
    calls(out, existing, ai.snapshot(), AiCalls.BUCKETS, "ai", "backend", "AI calls made for the bot, by backend",
        "AI calls that gave no answer, by backend and kind", "AI call latency by backend");
  }

  private void ttsCalls(Exposition out, java.util.Set<String> existing) {
    calls(out, existing, tts.snapshot(), TtsCalls.BUCKETS, "tts", "engine", "Voice notes the bot asked for, by engine",
        "Voice notes that gave no audio, by engine and kind (unavailable, failed, busy)",
        "Time to make a voice note (synthesis and conversion to OGG, with any wait for a free slot), by engine");
  }

  /**
   * {@code wabots_bot_<kind>_calls_total}, {@code …_errors_total} and {@code …_latency_seconds} of
   * calls kept per bot and target, the target labelled {@code label}; deleted bots' series go.
   */
  private static void calls(Exposition out, java.util.Set<String> existing,
      Map<CallHistograms.Key, CallHistograms.Snapshot> snapshot, double[] bounds, String kind, String label,
      String callsHelp, String errorsHelp, String latencyHelp) {
    Map<CallHistograms.Key, CallHistograms.Snapshot> lines = new TreeMap<>(snapshot);
    lines.keySet().removeIf(k -> !existing.contains(k.bot()));
    Family calls = out.family("wabots_bot_" + kind + "_calls_total", Type.COUNTER, callsHelp);
    lines.forEach((k, s) -> calls.sample(s.count(), "bot", k.bot(), label, k.target()));
    Family errors = out.family("wabots_bot_" + kind + "_errors_total", Type.COUNTER, errorsHelp);
    lines.forEach((k, s) -> new TreeMap<>(s.errors()).forEach((failure, n) ->
        errors.sample(n, "bot", k.bot(), label, k.target(), "kind", failure)));
    Family latency = out.family("wabots_bot_" + kind + "_latency_seconds", Type.HISTOGRAM, latencyHelp);
    lines.forEach((k, s) -> histogram(latency, bounds, s.buckets(), s.count(), s.sum(), "bot", k.bot(), label,
        k.target()));
  }

  /** A histogram's samples: cumulative buckets, +Inf, sum and count, each with {@code labels}. */
  private static void histogram(Family f, double[] bounds, long[] buckets, long count, double sum, String... labels) {
    for (int i = 0; i < bounds.length; i++) {
      f.sampleOf("_bucket", buckets[i], with(labels, "le", Double.toString(bounds[i])));
    }
    f.sampleOf("_bucket", count, with(labels, "le", "+Inf"));
    f.sampleOf("_sum", sum, labels);
    f.sampleOf("_count", count, labels);
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }

  private void database(Exposition out) {
    Family funnel = out.family("wabots_bot_funnel_events_total", Type.COUNTER, "Funnel events stored, by event name");
    em.createQuery("SELECT c.botId, f.event, COUNT(f) FROM FunnelEventRecord f, Conversation c"
            + " WHERE f.conversationId = c.id GROUP BY c.botId, f.event ORDER BY c.botId, f.event", Object[].class)
        .getResultList()
        .forEach(r -> funnel.sample(((Number) r[2]).doubleValue(), "bot", (String) r[0], "event", (String) r[1]));
    Family waiting = out.family("wabots_bot_handoffs_waiting", Type.GAUGE, "Customers waiting for a person");
    em.createQuery("SELECT c.botId, COUNT(c) FROM Conversation c WHERE c.state = :state GROUP BY c.botId ORDER BY c.botId",
            Object[].class)
        .setParameter("state", "needs_person")
        .getResultList()
        .forEach(r -> waiting.sample(((Number) r[1]).doubleValue(), "bot", (String) r[0]));
  }

  private void processes(Exposition out, List<String> ids) {
    Map<String, Supervisor.View> views = new HashMap<>();
    ids.forEach(id -> views.put(id, processes.processView(id)));
    Family state = out.family("wabots_bot_state", Type.GAUGE, "1 for the state the bot's process is in");
    ids.forEach(id -> {
      ProcessState now = Optional.ofNullable(views.get(id).state()).orElse(ProcessState.STOPPED);
      for (ProcessState s : ProcessState.values()) {
        state.sample(s == now ? 1 : 0, "bot", id, "state", s.id());
      }
    });
    Family restarts = out.family("wabots_bot_restarts_total", Type.COUNTER,
        "Restarts by the watchdog after the bot's process died, since the orchestrator started");
    ids.forEach(id -> restarts.sample(views.get(id).restarts(), "bot", id));
    Family loop = out.family("wabots_bot_crash_loop", Type.GAUGE,
        "1 while the bot is in a crash loop (died too often; waits for a person to start it)");
    ids.forEach(id -> loop.sample(views.get(id).state() == ProcessState.CRASH_LOOP ? 1 : 0, "bot", id));
    Family trouble = out.family("wabots_bot_trouble", Type.GAUGE,
        "1 for each reason the bot needs attention (crash_loop, token_refused, ai_failing, no_webhook)");
    health.all().forEach(t -> trouble.sample(1, "bot", t.bot(), "kind", t.kind()));
    Family delivery = out.family("wabots_bot_event_delivery_lag_seconds", Type.GAUGE,
        "From the bot's transaction to the orchestrator's database, for the newest stored event");
    lag.lastByBot().forEach((bot, ms) -> {
      if (views.containsKey(bot)) {
        delivery.sample(ms / 1000.0, "bot", bot);
      }
    });
  }

  private void orchestrator(Exposition out) {
    out.family("wabots_login_failures_total", Type.COUNTER, "Logins refused (API and panel), by reason")
        .sample(logins.wrongPasswords(), "reason", "wrong_credentials")
        .sample(logins.throttled(), "reason", "throttled");
    List<Circuit.View> views = circuits.views();
    Family open = out.family("wabots_ai_circuit_state", Type.GAUGE,
        "1 for the state of the AI backend's circuit breaker (closed, open, half_open)");
    views.forEach(v -> {
      for (Circuit.State s : Circuit.State.values()) {
        open.sample(v.state() == s ? 1 : 0, "backend", v.backend(), "state", s.id());
      }
    });
    Family opened = out.family("wabots_ai_circuit_opened_total", Type.COUNTER,
        "How often the AI backend's circuit breaker opened since the orchestrator started");
    views.forEach(v -> opened.sample(v.opened(), "backend", v.backend()));
  }
}
