package dev.wabots.funnel;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a user is in a multi-step part of the funnel ({@code users.funnel_state}). {@link
 * #CUSTOM_STEP_1}, {@link #DIY_GPU_CUSTOM} and the {@code TZ_TEXT_*} steps wait for free text; the
 * other steps wait for a tap.
 */
public enum FunnelState {
  /** Waiting for the task description (free text). */
  CUSTOM_STEP_1("custom_step_1", true, 1, 0),
  /** Waiting for the volume. */
  CUSTOM_STEP_2("custom_step_2", false, 2, 0),
  /** Picking integrations one at a time. */
  CUSTOM_STEP_3("custom_step_3", false, 3, 0),
  /** Waiting for the timeline. */
  CUSTOM_STEP_4("custom_step_4", false, 4, 0),
  /** Waiting for the budget. */
  CUSTOM_STEP_5("custom_step_5", false, 5, 0),
  /** Waiting for a GPU model typed by hand (free text). */
  DIY_GPU_CUSTOM("diy_gpu_custom", true, 0, 0),
  /** Requirements questionnaire, step 1, waiting for a tap. */
  TZ_STEP_1("tz_step_1", false, 0, 1),
  /** Requirements questionnaire, step 2, waiting for a tap. */
  TZ_STEP_2("tz_step_2", false, 0, 2),
  /** Requirements questionnaire, step 3, waiting for a tap. */
  TZ_STEP_3("tz_step_3", false, 0, 3),
  /** Requirements questionnaire, step 4, waiting for a tap. */
  TZ_STEP_4("tz_step_4", false, 0, 4),
  /** Requirements questionnaire, step 5, waiting for a tap. */
  TZ_STEP_5("tz_step_5", false, 0, 5),
  /** Requirements questionnaire, step 6, waiting for a tap. */
  TZ_STEP_6("tz_step_6", false, 0, 6),
  /** Requirements questionnaire, step 1, waiting for free text. */
  TZ_TEXT_1("tz_text_1", true, 0, 1),
  /** Requirements questionnaire, step 2, waiting for free text. */
  TZ_TEXT_2("tz_text_2", true, 0, 2),
  /** Requirements questionnaire, step 3, waiting for free text. */
  TZ_TEXT_3("tz_text_3", true, 0, 3),
  /** Requirements questionnaire, step 4, waiting for free text. */
  TZ_TEXT_4("tz_text_4", true, 0, 4),
  /** Requirements questionnaire, step 5, waiting for free text. */
  TZ_TEXT_5("tz_text_5", true, 0, 5),
  /** Requirements questionnaire, step 6, waiting for free text. */
  TZ_TEXT_6("tz_text_6", true, 0, 6);

  /** The most steps a requirements questionnaire can have. */
  public static final int MAX_REQUIREMENTS_STEPS = 6;

  private final String code;
  private final boolean awaitsText;
  private final int discoveryStep;
  private final int requirementsStep;

  FunnelState(String code, boolean awaitsText, int discoveryStep, int requirementsStep) {
    this.code = code;
    this.awaitsText = awaitsText;
    this.discoveryStep = discoveryStep;
    this.requirementsStep = requirementsStep;
  }

  /** The value stored in {@code users.funnel_state}. */
  public String code() {
    return code;
  }

  /** Whether the next free text is the answer to this state. */
  public boolean awaitsText() {
    return awaitsText;
  }

  /** The state with this code; empty for null or an unknown code (e.g. from a newer version). */
  public static Optional<FunnelState> fromCode(String code) {
    return Arrays.stream(values()).filter(state -> state.code.equals(code)).findFirst();
  }

  /** The custom discovery step number 1–5, or 0 if this is not a discovery step. */
  int discoveryStep() {
    return discoveryStep;
  }

  /** The requirements questionnaire step number 1–6, or 0 if this is not one. */
  int requirementsStep() {
    return requirementsStep;
  }

  /** The state of requirements step {@code step} (1-based), waiting for text or for a tap. */
  static FunnelState requirements(int step, boolean text) {
    return Arrays.stream(values())
        .filter(state -> state.requirementsStep == step && state.awaitsText == text)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no requirements step " + step));
  }
}
