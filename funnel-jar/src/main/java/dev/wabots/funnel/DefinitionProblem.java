package dev.wabots.funnel;

/**
 * One reason a definition is refused.
 *
 * @param node where, as a path into the definition, e.g. {@code screens.welcome.buttons[1]}
 * @param rule which rule
 * @param message what is wrong, with the offending value
 */
public record DefinitionProblem(String node, DefinitionRule rule, String message) {
  @Override
  public String toString() {
    return node + ": " + rule + ": " + message;
  }
}
