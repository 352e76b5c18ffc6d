package dev.wabots.processes.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A bot process as the status endpoint shows it; {@code bot} is the bot's own report (webhook
 * traffic, inbox counts) while it runs, and {@code tokenInvalid} says that Meta refused the access
 * token (error 190).
 */
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
    boolean autoStart,
    boolean tokenInvalid,
    String tokenProblem,
    String lastVerificationAt,
    String lastSignedWebhookAt,
    jakarta.json.JsonObject bot) {}
