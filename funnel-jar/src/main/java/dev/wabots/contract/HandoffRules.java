package dev.wabots.contract;

import java.time.Duration;

/**
 * When a bot asks for a person on its own, and when a customer a person took over goes back to the
 * bot. Part of {@link BotConfiguration}; set per bot in the orchestrator.
 *
 * @param onContact the customer chose the funnel's contact (manager) action
 * @param onPersonWords the customer wrote words asking for a person (the bot's word list)
 * @param onAiFailure the AI backend failed to answer the customer
 * @param onTooExpensive the customer found the quote too expensive
 * @param handBackHours hours of operator silence after which the customer goes back to the bot
 */
public record HandoffRules(
    boolean onContact, boolean onPersonWords, boolean onAiFailure, boolean onTooExpensive, int handBackHours) {

  /** Every situation asks for a person; back to the bot after 12 hours of silence. */
  public static final HandoffRules DEFAULTS = new HandoffRules(true, true, true, true, 12);

  /** The operator silence after which the customer goes back to the bot (at least an hour). */
  public Duration handBackAfter() {
    return Duration.ofHours(Math.max(1, handBackHours));
  }
}
