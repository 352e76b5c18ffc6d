package dev.wabots.processes.boundary;

import java.time.Instant;
import java.util.List;

/** A bot process as the status endpoint shows it. */
public record BotStatus(
    String instanceId,
    String state,
    boolean running,
    Long pid,
    int port,
    Instant startedAt,
    Long uptimeSeconds,
    boolean ready,
    int restarts,
    Integer lastExitCode,
    String lastExitReason,
    Instant lastExitAt,
    List<String> lastLogLines,
    boolean enabled,
    boolean autoStart) {}
