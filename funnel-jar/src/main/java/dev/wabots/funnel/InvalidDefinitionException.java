package dev.wabots.funnel;

import java.util.List;
import java.util.stream.Collectors;

/** A funnel definition was refused; {@link #problems()} lists every rule it breaks. */
public final class InvalidDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<DefinitionProblem> problems;

  /** @param problems all problems found (at least one) */
  public InvalidDefinitionException(List<DefinitionProblem> problems) {
    super(
        "funnel definition refused, "
            + problems.size()
            + " problem(s):\n  "
            + problems.stream().map(DefinitionProblem::toString).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<DefinitionProblem> problems() {
    return problems;
  }
}
