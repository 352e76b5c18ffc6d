package dev.wabots.llm.boundary;

import dev.wabots.llm.control.Attempt;
import dev.wabots.platform.DomainException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every backend of the bot's chain failed. Carries each attempt (backend, model, kind, HTTP status,
 * the service's message — never a key) so the bot can log it and tell its user something friendly.
 * The REST layer answers 504 when every attempt timed out, else 502.
 */
public class LlmUnavailable extends DomainException {

  private final List<Failed> attempts;

  public LlmUnavailable(List<Attempt> chain) {
    super("no model answered: " + chain.stream()
        .map(a -> a.backend() + " " + a.failure().kind().id()
            + (a.failure().httpStatus() == null ? "" : " (HTTP " + a.failure().httpStatus() + ")"))
        .collect(Collectors.joining(", then ")));
    this.attempts = chain.stream().map(Failed::of).toList();
  }

  public List<Failed> attempts() {
    return attempts;
  }

  /** The kind of the last failure: what finally ended the chain. */
  public String classification() {
    return attempts.get(attempts.size() - 1).error();
  }

  public boolean timedOut() {
    return attempts.stream().allMatch(a -> "timeout".equals(a.error()));
  }

  @Override
  public String code() {
    return "llm_unavailable";
  }

  /** One failed attempt as the bot sees it. */
  public record Failed(String backend, String model, String error, Integer httpStatus, String message, long latencyMs) {

    /** A failed attempt of the chain, classified. */
    static Failed of(Attempt a) {
      return new Failed(a.backend(), a.model(), a.failure().kind().id(), a.failure().httpStatus(),
          a.failure().getMessage(), a.latencyMs());
    }
  }
}
