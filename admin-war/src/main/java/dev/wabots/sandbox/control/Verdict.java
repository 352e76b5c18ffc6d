package dev.wabots.sandbox.control;

import java.util.List;

/**
 * The sandbox's judgement of one request body: valid, or the problems Meta would reject it for.
 *
 * @param valid true when there are no problems
 * @param problems schema problems first, then limit problems
 */
public record Verdict(boolean valid, List<RequestProblem> problems) {

  /** Copies the problem list; {@code valid} must agree with it. */
  public Verdict {
    problems = List.copyOf(problems);
    if (valid != problems.isEmpty()) {
      throw new IllegalArgumentException(
          "valid=" + valid + " with " + problems.size() + " problems");
    }
  }

  static Verdict of(List<RequestProblem> problems) {
    return new Verdict(problems.isEmpty(), problems);
  }

  /**
   * The Graph API error Meta would answer with: code 100 when the schema rejected the body,
   * otherwise 131009 for a limit violation.
   *
   * @throws IllegalStateException for a valid verdict
   */
  public GraphError toGraphError() {
    if (valid) {
      throw new IllegalStateException("a valid request has no error");
    }
    boolean schema = problems.stream().anyMatch(p -> p.kind() == RequestProblem.Kind.SCHEMA);
    return GraphError.of(schema ? RequestProblem.Kind.SCHEMA : RequestProblem.Kind.LIMIT, problems);
  }
}
