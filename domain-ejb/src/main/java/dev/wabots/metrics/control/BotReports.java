package dev.wabots.metrics.control;

import dev.wabots.contract.BotMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The newest counters each bot handed over ({@code POST /internal/metrics}), kept in memory. Only
 * known names with their known labels are taken, and label values are short words: a bot cannot
 * make the scrape invalid or blow up its size.
 */
@ApplicationScoped
public class BotReports {

  /** What a bot may report: name → its type and the one label it may carry (null: none). */
  public record Known(Exposition.Type type, String label, String help) {}

  public static final Map<String, Known> KNOWN = Map.of(
      "webhook_seen", new Known(Exposition.Type.GAUGE, null, "1 once the process got a signed webhook or Meta's verification"),
      "graph_token_refused", new Known(Exposition.Type.GAUGE, null, "1 while Meta refuses the bot's access token"),
      "webhooks_accepted_total", new Known(Exposition.Type.COUNTER, null, "Webhook requests accepted (signed, well-formed)"),
      "webhooks_refused_total", new Known(Exposition.Type.COUNTER, "reason", "Webhook requests refused, by reason"),
      "webhook_duplicates_total", new Known(Exposition.Type.COUNTER, null, "Messages Meta delivered again (taken once)"),
      "webhook_messages_total", new Known(Exposition.Type.COUNTER, null, "New customer messages taken from webhooks"),
      "inbox_messages", new Known(Exposition.Type.GAUGE, "state", "Inbox messages by state (pending, planned, failed)"),
      "messages_sent_total", new Known(Exposition.Type.COUNTER, "type", "Messages accepted by the Graph API, by type"),
      "graph_errors_total", new Known(Exposition.Type.COUNTER, "code", "Graph API refusals by error code (0: no answer)"));

  static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_]{1,40}");
  static final int MAX_SAMPLES = 200;

  /** A bot's report as taken, and when. */
  public record Report(Instant at, List<BotMetrics.Sample> samples) {}

  private final Map<String, Report> reports = new ConcurrentHashMap<>();

  /**
   * Takes the report of {@code bot}.
   *
   * @return the problems (empty when taken); nothing is taken when there is one
   */
  public List<String> accept(String bot, BotMetrics metrics, Instant now) {
    List<String> problems = new java.util.ArrayList<>();
    if (metrics.samples().size() > MAX_SAMPLES) {
      problems.add("at most " + MAX_SAMPLES + " samples");
    }
    for (BotMetrics.Sample s : metrics.samples()) {
      Known k = KNOWN.get(s.name());
      if (k == null) {
        problems.add("unknown metric " + s.name());
      } else if (k.label() == null ? !s.labels().isEmpty()
          : s.labels().size() != 1 || !LABEL_VALUE.matcher(String.valueOf(s.labels().get(k.label()))).matches()) {
        problems.add(s.name() + ": labels must be " + (k.label() == null ? "none" : k.label() + " = [a-z0-9_]{1,40}"));
      } else if (Double.isNaN(s.value()) || Double.isInfinite(s.value()) || s.value() < 0) {
        problems.add(s.name() + ": value must be a finite number ≥ 0");
      }
    }
    if (problems.isEmpty()) {
      reports.put(bot, new Report(now, metrics.samples()));
    }
    return problems;
  }

  public Optional<Report> of(String bot) {
    return Optional.ofNullable(reports.get(bot));
  }

  public void forget(String bot) {
    reports.remove(bot);
  }
}
