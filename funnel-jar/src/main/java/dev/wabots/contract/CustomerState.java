package dev.wabots.contract;

import dev.wabots.funnel.UserState;
import java.util.List;
import java.util.Map;

/**
 * A customer's funnel answers as they stand after a step — what a lead holds: the quiz and its
 * segment, the custom discovery (task, volume, integrations, timeline, budget) and the
 * requirements questionnaire's answers.
 */
public record CustomerState(
    String segment,
    String subSegment,
    String quizTech,
    String quizInfra,
    boolean completed,
    String task,
    String volume,
    List<String> integrations,
    String timeline,
    String budget,
    boolean discoveryCompleted,
    Map<String, String> requirements) {

  public CustomerState {
    integrations = integrations == null ? List.of() : List.copyOf(integrations);
    requirements = requirements == null ? Map.of() : Map.copyOf(requirements);
  }

  /** The state the funnel keeps for a customer. */
  public static CustomerState of(UserState s) {
    var d = s.discovery();
    return new CustomerState(s.segment().map(Enum::name).orElse(null), s.subSegment().orElse(null),
        s.quizTech().orElse(null), s.quizInfra().orElse(null), s.funnelCompleted(),
        d.flatMap(x -> x.task()).orElse(null), d.flatMap(x -> x.volume()).orElse(null),
        d.map(x -> x.integrations()).orElse(List.of()), d.flatMap(x -> x.timeline()).orElse(null),
        d.flatMap(x -> x.budget()).orElse(null), d.map(x -> x.completed()).orElse(false),
        s.requirements().map(r -> r.answers()).orElse(Map.of()));
  }
}
