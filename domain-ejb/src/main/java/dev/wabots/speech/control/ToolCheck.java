package dev.wabots.speech.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a tool or server can be used, checked once and remembered: a success for good, a
 * problem for {@link #RETRY} — so installing the tool later is noticed without a restart.
 */
final class ToolCheck {

  static final Duration RETRY = Duration.ofSeconds(30);

  private final Supplier<Optional<String>> probe;
  private volatile Optional<String> problem;
  private volatile String detail = "";
  private volatile Instant checkedAt = Instant.EPOCH;

  ToolCheck(Supplier<Optional<String>> probe) {
    this.probe = probe;
  }

  /** Empty when usable; else why not. */
  synchronized Optional<String> problem() {
    if (problem == null || (problem.isPresent() && Instant.now().isAfter(checkedAt.plus(RETRY)))) {
      problem = probe.get();
      checkedAt = Instant.now();
    }
    return problem;
  }

  void detail(String text) {
    detail = text;
  }

  String detail() {
    return detail;
  }
}
