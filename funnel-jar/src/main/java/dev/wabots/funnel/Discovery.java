package dev.wabots.funnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answers of the 5-step custom discovery ({@code custom_discovery}). Answers are the option
 * keys of the definition ({@code vol_high}, {@code int_bitrix}, …).
 *
 * @param task step 1, the task in the user's words
 * @param volume step 2
 * @param integrations step 3, in the order picked, without duplicates
 * @param timeline step 4
 * @param budget step 5
 * @param completed whether the quote was produced
 */
public record Discovery(
    Optional<String> task,
    Optional<String> volume,
    List<String> integrations,
    Optional<String> timeline,
    Optional<String> budget,
    boolean completed,
    Instant createdAt,
    Instant updatedAt) {

  /** Copies the list; rejects duplicates and missing parts. */
  public Discovery {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(timeline, "timeline");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    integrations = List.copyOf(integrations);
    if (integrations.stream().distinct().count() != integrations.size()) {
      throw new IllegalArgumentException("duplicate integrations: " + integrations);
    }
  }

  /** An empty discovery started at {@code now}. */
  public static Discovery start(Instant now) {
    return new Discovery(
        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), false, now, now);
  }

  Discovery withTask(String value, Instant now) {
    return new Discovery(Optional.of(value), volume, integrations, timeline, budget, completed, createdAt, now);
  }

  Discovery withVolume(String value, Instant now) {
    return new Discovery(task, Optional.of(value), integrations, timeline, budget, completed, createdAt, now);
  }

  /** Adds an integration unless already picked. */
  Discovery withIntegration(String key, Instant now) {
    List<String> picked = new ArrayList<>(integrations);
    if (!picked.contains(key)) {
      picked.add(key);
    }
    return new Discovery(task, volume, picked, timeline, budget, completed, createdAt, now);
  }

  Discovery withoutIntegrations(Instant now) {
    return new Discovery(task, volume, List.of(), timeline, budget, completed, createdAt, now);
  }

  Discovery withTimeline(String value, Instant now) {
    return new Discovery(task, volume, integrations, Optional.of(value), budget, completed, createdAt, now);
  }

  Discovery completedWithBudget(String value, Instant now) {
    return new Discovery(task, volume, integrations, timeline, Optional.of(value), true, createdAt, now);
  }
}
