package dev.wabots.funnel;

import java.util.Optional;

/**
 * The 5-step custom discovery and the quote.
 *
 * <p>Stale-tap policy: an answer is accepted only for the step the user is on. A list answer for
 * another step (an old message tapped again) changes nothing: the user gets a short note and the
 * current step again, or the custom intro when no discovery is in progress. The quote is therefore
 * always computed from answers given in order, one per step.
 */
final class CustomFlow {
  private final QuoteCalculator calculator;

  CustomFlow(DefinitionData data, java.util.Map<String, Long> prices) {
    this.calculator = new QuoteCalculator(data.quote(), prices);
  }

  /** Starts (or restarts) the discovery at step 1, dropping earlier answers. */
  void start(Turn turn, boolean restart) {
    turn.state(
        turn.state()
            .withDiscovery(Optional.of(Discovery.start(turn.now())))
            .withFunnelState(Optional.of(FunnelState.CUSTOM_STEP_1)));
    turn.event(FunnelEvent.DISCOVERY_STARTED, "restart", restart);
    turn.screen("custom_step_1");
  }

  /** Step 1: the task description (free text). */
  void task(Turn turn, String text) {
    Discovery discovery = discovery(turn);
    if (discovery == null) {
      turn.state(turn.state().withFunnelState(Optional.empty()));
      turn.screen("custom_intro");
      return;
    }
    advance(turn, discovery.withTask(text, turn.now()), FunnelState.CUSTOM_STEP_2);
    turn.event("discovery_answer", "step", 1, "length", text.codePointCount(0, text.length()));
    turn.screen("custom_step_2");
  }

  void volume(Turn turn, String id, String key) {
    if (expect(turn, FunnelState.CUSTOM_STEP_2, id)) {
      advance(turn, discovery(turn).withVolume(key, turn.now()), FunnelState.CUSTOM_STEP_3);
      turn.event("discovery_answer", "step", 2, "value", key);
      turn.screen("custom_step_3");
    }
  }

  void integration(Turn turn, String id, String key) {
    if (expect(turn, FunnelState.CUSTOM_STEP_3, id)) {
      Discovery next = discovery(turn).withIntegration(key, turn.now());
      advance(turn, next, FunnelState.CUSTOM_STEP_3);
      turn.event("discovery_answer", "step", 3, "value", key);
      turn.send(turn.messages().integrationsAdded(next.integrations(), turn.name()));
    }
  }

  void noIntegrations(Turn turn, String id) {
    if (expect(turn, FunnelState.CUSTOM_STEP_3, id)) {
      advance(turn, discovery(turn).withoutIntegrations(turn.now()), FunnelState.CUSTOM_STEP_4);
      turn.event("discovery_answer", "step", 3, "value", "int_none");
      turn.screen("custom_step_4");
    }
  }

  void more(Turn turn, String id) {
    if (expect(turn, FunnelState.CUSTOM_STEP_3, id)) {
      turn.screen("custom_step_3");
    }
  }

  void done(Turn turn, String id) {
    if (expect(turn, FunnelState.CUSTOM_STEP_3, id)) {
      Discovery discovery = discovery(turn);
      advance(turn, discovery, FunnelState.CUSTOM_STEP_4);
      turn.event("discovery_answer", "step", 3, "value", discovery.integrations());
      turn.screen("custom_step_4");
    }
  }

  void timeline(Turn turn, String id, String key) {
    if (expect(turn, FunnelState.CUSTOM_STEP_4, id)) {
      advance(turn, discovery(turn).withTimeline(key, turn.now()), FunnelState.CUSTOM_STEP_5);
      turn.event("discovery_answer", "step", 4, "value", key);
      turn.screen("custom_step_5");
    }
  }

  /** Step 5 completes the discovery and sends the quote. */
  void budget(Turn turn, String id, String key) {
    if (!expect(turn, FunnelState.CUSTOM_STEP_5, id)) {
      return;
    }
    Discovery done = discovery(turn).completedWithBudget(key, turn.now());
    Quote quote =
        calculator.calculate(done.volume().orElse(null), done.integrations(), done.timeline().orElse(null));
    turn.state(
        turn.state().withDiscovery(Optional.of(done)).withFunnelState(Optional.empty()).completed());
    turn.event(
        FunnelEvent.QUOTE_SENT,
        "volume", done.volume().orElse(""),
        "integrations", done.integrations(),
        "timeline", done.timeline().orElse(""),
        "budget", key,
        "subtotal", quote.subtotal(),
        "total_min", quote.totalMin(),
        "total_max", quote.totalMax());
    turn.send(turn.messages().quote(quote, done));
    turn.screen("custom_quote");
  }

  /** Whether the user is on {@code expected}; otherwise answers by the stale-tap policy. */
  private boolean expect(Turn turn, FunnelState expected, String id) {
    Optional<FunnelState> current = turn.state().funnelState().filter(s -> s.discoveryStep() > 0);
    boolean inProgress = current.isPresent() && discovery(turn) != null;
    if (inProgress && current.get() == expected) {
      return true;
    }
    turn.event(
        FunnelEvent.STALE_REPLY,
        "id", id,
        "expected", expected.code(),
        "current", current.map(FunnelState::code).orElse(""));
    if (inProgress) {
      turn.screen("stale_step");
      turn.screen("custom_step_" + current.get().discoveryStep());
    } else {
      turn.state(turn.state().withFunnelState(turn.state().funnelState().filter(s -> s.discoveryStep() == 0)));
      turn.screen("custom_intro");
    }
    return false;
  }

  private static void advance(Turn turn, Discovery discovery, FunnelState next) {
    turn.state(turn.state().withDiscovery(Optional.of(discovery)).withFunnelState(Optional.of(next)));
  }

  private static Discovery discovery(Turn turn) {
    return turn.state().discovery().filter(d -> !d.completed()).orElse(null);
  }
}
