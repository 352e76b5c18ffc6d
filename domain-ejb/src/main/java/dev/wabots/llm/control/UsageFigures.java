package dev.wabots.llm.control;

import dev.wabots.llm.entity.LlmCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Usage rows summed per bot × backend: calls, errors (by kind), reported tokens, and the latency
 * of the answered calls (p50, p95 by nearest rank, mean). Failed calls are left out of latency:
 * a refused key answers in a millisecond, a timeout takes the whole timeout.
 */
public final class UsageFigures {

  private UsageFigures() {}

  /** One line of the summary. {@code instanceId} is null for admins' provider tests. */
  public record Line(String instanceId, String backend, long calls, long errors, Map<String, Long> errorKinds,
      long promptTokens, long completionTokens, Latency latencyMs) {}

  /** Latency of answered calls in milliseconds; null values when none answered. */
  public record Latency(Long p50, Long p95, Long avg) {}

  public static List<Line> aggregate(List<LlmCall> calls) {
    Map<List<String>, List<LlmCall>> groups = new LinkedHashMap<>();
    for (LlmCall c : calls) {
      groups.computeIfAbsent(Arrays.asList(c.instanceId(), c.backend()), k -> new ArrayList<>()).add(c);
    }
    List<Line> lines = new ArrayList<>();
    groups.forEach((key, group) -> lines.add(line(key.get(0), key.get(1), group)));
    lines.sort(Comparator.comparing(Line::instanceId, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Line::backend));
    return lines;
  }

  private static Line line(String instance, String backend, List<LlmCall> group) {
    long errors = 0;
    long prompt = 0;
    long completion = 0;
    Map<String, Long> kinds = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    for (LlmCall c : group) {
      if (c.ok()) {
        latencies.add(c.latencyMs());
      } else {
        errors++;
        kinds.merge(Objects.requireNonNullElse(c.error(), "other"), 1L, Long::sum);
      }
      prompt += c.promptTokens() == null ? 0 : c.promptTokens();
      completion += c.completionTokens() == null ? 0 : c.completionTokens();
    }
    return new Line(instance, backend, group.size(), errors, kinds, prompt, completion, latency(latencies));
  }

  static Latency latency(List<Long> values) {
    if (values.isEmpty()) {
      return new Latency(null, null, null);
    }
    List<Long> sorted = values.stream().sorted().toList();
    long sum = sorted.stream().mapToLong(Long::longValue).sum();
    return new Latency(percentile(sorted, 50), percentile(sorted, 95), Math.round((double) sum / sorted.size()));
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
