package dev.wabots.llm.boundary;

import dev.wabots.llm.control.Circuit;

/**
 * One backend's circuit breaker as admins see it: {@code closed}, {@code open} or
 * {@code half_open}, the failures in a row, how often it opened since the start, and while not
 * closed when a call is let through again (ISO-8601).
 */
public record CircuitView(String backend, String state, int failuresInRow, long opened, String openedAt,
    String retryAt, String lastError) {

  public static CircuitView of(Circuit.View v) {
    return new CircuitView(v.backend(), v.state().id(), v.failuresInRow(), v.opened(),
        v.openedAt() == null ? null : v.openedAt().toString(), v.retryAt() == null ? null : v.retryAt().toString(),
        v.lastError());
  }

  public boolean closed() {
    return Circuit.State.CLOSED.id().equals(state);
  }
}
