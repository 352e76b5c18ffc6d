package dev.wabots.funnel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The requirements ("ТЗ") questionnaire of the seed's Telegram bot, as funnel screens: {@code
 * tz:start} (or {@code tz:restart}) clears earlier answers and asks the steps of the definition in
 * order — a tap on one of a step's options or free text — and the last answer completes it: the
 * drafting screen is sent and the outcome carries a {@link DraftRequest} for the bot's AI.
 *
 * <p>Like the custom discovery, an answer is accepted only for the step the user is on; another
 * step's option re-asks the current step (or offers to start again when none is open). Every
 * answer is logged ({@code tz_answer}), and all of them again with {@code tz_draft_requested}.
 */
final class RequirementsFlow {
  /** Longest free-text answer kept (the rest is cut); the brief goes to the AI whole. */
  static final int MAX_TEXT = 3000;

  private final DefinitionData.RequirementsSpec spec;
  /** The option titles by reply id: an answer's label is the title the customer tapped. */
  private final Map<String, String> titles = new LinkedHashMap<>();

  RequirementsFlow(DefinitionData data) {
    this.spec = data.requirements();
    if (spec != null) {
      for (DefinitionData.RequirementsStep step : spec.steps()) {
        List<String> screens = new ArrayList<>(step.screens().values());
        screens.add(step.screen());
        screens.stream().map(data.screens()::get).filter(Objects::nonNull).forEach(screen -> {
          screen.buttons().forEach(option -> titles.putIfAbsent(option.id(), option.title()));
          if (screen.list() != null) {
            screen.list().sections().forEach(section ->
                section.rows().forEach(row -> titles.putIfAbsent(row.id(), row.title())));
          }
        });
      }
    }
  }

  /** Starts (or restarts) the questionnaire at step 1, dropping earlier answers. */
  void start(Turn turn, boolean restart) {
    turn.state(turn.state().withRequirements(Optional.of(Requirements.start(turn.now()))));
    turn.event("tz_started", "restart", restart);
    if (spec.intro() != null) {
      turn.screen(spec.intro());
    }
    ask(turn, 0, Requirements.start(turn.now()));
  }

  /** A tap on an option of some step. */
  void answer(Turn turn, String id) {
    int index = stepOf(id);
    DefinitionData.RequirementsStep step = spec.steps().get(index);
    if (expect(turn, index, id)) {
      store(turn, index, step.options().get(id), label(step, id));
    }
  }

  /** Free text while a text step is open. */
  void text(Turn turn, String text) {
    Optional<FunnelState> current = turn.state().funnelState().filter(s -> s.requirementsStep() > 0);
    int index = current.map(s -> s.requirementsStep() - 1).orElse(-1);
    if (index < 0 || index >= spec.steps().size() || !spec.steps().get(index).isText()) {
      turn.state(turn.state().withFunnelState(Optional.empty()));
      turn.screen(spec.offer());
      return;
    }
    String kept = text.codePointCount(0, text.length()) <= MAX_TEXT
        ? text : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    store(turn, index, kept, kept);
  }

  private void store(Turn turn, int index, String value, String label) {
    DefinitionData.RequirementsStep step = spec.steps().get(index);
    Requirements next = open(turn).with(step.key(), value, turn.now());
    turn.event("tz_answer", "step", index + 1, "key", step.key(), "value", value);
    if (index + 1 < spec.steps().size()) {
      turn.state(turn.state().withRequirements(Optional.of(next)));
      ask(turn, index + 1, next);
      return;
    }
    Requirements done = next.completed(turn.now());
    turn.state(turn.state().withRequirements(Optional.of(done)).withFunnelState(Optional.empty()).completed());
    DraftRequest request = request(turn, done);
    Object[] data = new Object[2 * request.answers().size()];
    int i = 0;
    for (Map.Entry<String, String> answer : request.answers().entrySet()) {
      data[i++] = answer.getKey();
      data[i++] = answer.getValue();
    }
    turn.event("tz_draft_requested", data);
    turn.screen(spec.drafting());
    turn.draft(request);
  }

  private void ask(Turn turn, int index, Requirements answers) {
    DefinitionData.RequirementsStep step = spec.steps().get(index);
    turn.state(turn.state().withFunnelState(Optional.of(FunnelState.requirements(index + 1, step.isText()))));
    turn.screen(screen(index, answers));
  }

  /** The screen of step {@code index}: its own, or the one its {@code screens} names for the previous answer. */
  String screen(int index, Requirements answers) {
    DefinitionData.RequirementsStep step = spec.steps().get(index);
    if (index > 0 && !step.screens().isEmpty()) {
      String previous = answers.answers().get(spec.steps().get(index - 1).key());
      if (previous != null && step.screens().containsKey(previous)) {
        return step.screens().get(previous);
      }
    }
    return step.screen();
  }

  /** Whether the user is on step {@code index}; otherwise answers by the stale-tap policy. */
  private boolean expect(Turn turn, int index, String id) {
    Optional<FunnelState> current = turn.state().funnelState().filter(s -> s.requirementsStep() > 0);
    if (current.isPresent() && current.get().requirementsStep() == index + 1) {
      return true;
    }
    turn.event(
        FunnelEvent.STALE_REPLY,
        "id", id,
        "expected", FunnelState.requirements(index + 1, false).code(),
        "current", turn.state().funnelState().map(FunnelState::code).orElse(""));
    if (current.isPresent()) {
      turn.screen("stale_step");
      int at = current.get().requirementsStep() - 1;
      turn.screen(screen(at, open(turn)));
    } else {
      turn.screen(spec.offer());
    }
    return false;
  }

  /**
   * The open questionnaire. A store that does not keep the answers yet still keeps the step (the
   * user's {@code funnel_state}): the questionnaire then goes on with the answers it has, and the
   * events hold every answer.
   */
  private static Requirements open(Turn turn) {
    return turn.state().requirements().filter(r -> !r.completed()).orElseGet(() -> Requirements.start(turn.now()));
  }

  private int stepOf(String id) {
    for (int i = 0; i < spec.steps().size(); i++) {
      if (spec.steps().get(i).options().containsKey(id)) {
        return i;
      }
    }
    throw new IllegalStateException("the router resolved " + id + " as an answer, but no step offers it");
  }

  private DraftRequest request(Turn turn, Requirements done) {
    Map<String, String> labels = new LinkedHashMap<>();
    StringBuilder lines = new StringBuilder();
    for (DefinitionData.RequirementsStep step : spec.steps()) {
      String value = done.answers().get(step.key());
      String shown = value == null ? "—" : step.isText() ? value : optionLabel(step, value);
      labels.put(step.key(), shown);
      lines.append(step.label()).append(": ").append(shown).append('\n');
    }
    String contact = "+" + turn.state().phone().digits();
    Map<String, String> values = new LinkedHashMap<>(turn.messages().globals());
    values.put("too_small_marker", spec.tooSmallMarker());
    String instructions = Placeholders.fill(spec.instructions(), values);
    String brief = Placeholders.fill(spec.brief(), Map.of("answers", lines.toString().strip(), "contact", contact));
    return new DraftRequest(done.answers(), labels, contact, instructions, brief, spec.tooSmallMarker(),
        spec.result(), spec.resultTooSmall(), spec.failed());
  }

  /** The title of the option with the stored {@code value}, as the customer saw it. */
  private String optionLabel(DefinitionData.RequirementsStep step, String value) {
    return step.options().entrySet().stream()
        .filter(option -> option.getValue().equals(value))
        .map(option -> label(step, option.getKey()))
        .findFirst()
        .orElse(value);
  }

  private String label(DefinitionData.RequirementsStep step, String id) {
    return titles.getOrDefault(id, step.options().get(id));
  }
}
