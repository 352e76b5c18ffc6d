package dev.wabots.instances.boundary;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether each bot's process runs. Until the process supervisor exists every bot is stopped.
 */
@ApplicationScoped
public class InstanceStates {

  public State of(String instanceId) {
    return new State(false, "stopped");
  }

  /** A bot's process state as the list shows it. */
  public record State(boolean running, String state) {}
}
