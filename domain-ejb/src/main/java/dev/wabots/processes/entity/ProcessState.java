package dev.wabots.processes.entity;

import java.util.Locale;

/** Where a bot's process is in its life. */
public enum ProcessState {
  /** No process, none wanted. */
  STOPPED,
  /** Spawned, not answering its readiness check yet. */
  STARTING,
  /** Ready. */
  RUNNING,
  /** Died on its own; a restart is scheduled. */
  CRASHED,
  /** Died too often (5 times in 10 minutes); waits for an admin to start it. */
  CRASH_LOOP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean hasProcess() {
    return this == STARTING || this == RUNNING;
  }
}
