package dev.wabots.funnel;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a user is in a multi-step part of the funnel ({@code users.funnel_state}). Only {@link
 * #CUSTOM_STEP_1} and {@link #DIY_GPU_CUSTOM} wait for free text; the other discovery steps wait
 * for a list answer.
 */
public enum FunnelState {
  /** Waiting for the task description (free text). */
  CUSTOM_STEP_1("custom_step_1", true),
  /** Waiting for the volume. */
  CUSTOM_STEP_2("custom_step_2", false),
  /** Picking integrations one at a time. */
  CUSTOM_STEP_3("custom_step_3", false),
  /** Waiting for the timeline. */
  CUSTOM_STEP_4("custom_step_4", false),
  /** Waiting for the budget. */
  CUSTOM_STEP_5("custom_step_5", false),
  /** Waiting for a GPU model typed by hand (free text). */
  DIY_GPU_CUSTOM("diy_gpu_custom", true);

  private final String code;
  private final boolean awaitsText;

  FunnelState(String code, boolean awaitsText) {
    this.code = code;
    this.awaitsText = awaitsText;
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

  /** The discovery step number 1–5, or 0 if this is not a discovery step. */
  int discoveryStep() {
    return this == DIY_GPU_CUSTOM ? 0 : ordinal() + 1;
  }
}
