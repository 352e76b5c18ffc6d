package dev.wabots.bot.metrics;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Orchestrator;
import dev.wabots.bot.http.JsonHttp;
import dev.wabots.bot.inbox.Inbox;
import dev.wabots.bot.webhook.WebhookStats;
import dev.wabots.contract.BotMetrics;
import dev.wabots.contract.BotMetrics.Sample;
import dev.wabots.contract.ContractJson;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the bot's counters to the orchestrator ({@code POST /internal/metrics}) every few
 * seconds, which serves them from its {@code /metrics}: the bot's own port publishes none.
 */
@ApplicationScoped
public class MetricsReporter {

  private static final Logger LOG = System.getLogger(MetricsReporter.class.getName());

  @Inject
  @ConfigProperty(name = "wabots.bot.metrics.period-seconds", defaultValue = "10")
  int periodSeconds;

  @Inject Configuration configuration;

  @Inject WebhookStats webhooks;

  @Inject Counters counters;

  @Inject Inbox inbox;

  @Inject dev.wabots.bot.graph.GraphClient graph;

  @Inject Orchestrator orchestrator;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile ScheduledFuture<?> task;
  private volatile boolean failing;

  public void start() {
    task = scheduler.scheduleWithFixedDelay(this::reportQuietly, 1, Math.max(1, periodSeconds), TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void reportQuietly() {
    try {
      JsonHttp.Answer r = orchestrator.metrics(ContractJson.write(snapshot()));
      if (r.status() / 100 != 2) {
        throw new IllegalStateException("HTTP " + r.status());
      }
      failing = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | java.io.IOException e) {
      if (!failing) { // once per outage: the event publisher already says the orchestrator is away
        LOG.log(Level.INFO, "Metrics not handed to the orchestrator ({0}); tried again every {1} s", e.getMessage(),
            periodSeconds);
      }
      failing = true;
    }
  }

  /** The counters now, as the orchestrator knows them (names and labels in its whitelist). */
  BotMetrics snapshot() {
    List<Sample> s = new ArrayList<>();
    s.add(new Sample("webhooks_accepted_total", Map.of(), webhooks.accepted()));
    s.add(new Sample("webhooks_refused_total", Map.of("reason", "signature"), webhooks.badSignatures()));
    s.add(new Sample("webhooks_refused_total", Map.of("reason", "malformed"), webhooks.badRequests()));
    s.add(new Sample("webhook_duplicates_total", Map.of(), webhooks.duplicates()));
    s.add(new Sample("webhook_messages_total", Map.of(), webhooks.messages()));
    Map<String, Long> states = inbox.counts();
    for (String state : List.of("pending", "planned", "failed")) {
      s.add(new Sample("inbox_messages", Map.of("state", state), states.getOrDefault(state, 0L)));
    }
    s.add(new Sample("webhook_seen", Map.of(), webhooks.lastSignedWebhook() != null || webhooks.lastVerification() != null ? 1 : 0));
    s.add(new Sample("graph_token_refused", Map.of(), graph.tokenProblem() != null ? 1 : 0));
    counters.sent().forEach((type, n) -> s.add(new Sample("messages_sent_total", Map.of("type", type), n)));
    counters.graphErrors().forEach((code, n) -> s.add(new Sample("graph_errors_total", Map.of("code", code), n)));
    return new BotMetrics(configuration.settings().id(), s);
  }
}
