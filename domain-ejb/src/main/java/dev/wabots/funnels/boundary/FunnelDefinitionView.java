package dev.wabots.funnels.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A bot's funnel definition as the API and the panel show it: the JSON in effect, whether it is
 * the bot's own or the default of its language, and every problem the validator finds in it.
 */
public record FunnelDefinitionView(
    String instanceId,
    String language,
    boolean overridden,
    Instant updated,
    String updatedBy,
    String definition,
    List<Problem> problems) {

  /** One broken rule: where, which rule, why. */
  public record Problem(String node, String rule, String message) {}
}
