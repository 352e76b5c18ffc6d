package dev.wabots.contract;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /internal/metrics} (bot token): the bot's own counters and gauges since its process
 * started, sent every few seconds. Bots publish no metrics on their own port; the orchestrator
 * serves them, labelled with the bot, from its {@code /metrics}.
 */
public record BotMetrics(String bot, List<Sample> samples) {

  public BotMetrics {
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  /**
   * One value: a name the orchestrator knows (e.g. {@code messages_sent_total}), its labels
   * besides the bot (e.g. {@code type=text}) and the value.
   */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }
}
