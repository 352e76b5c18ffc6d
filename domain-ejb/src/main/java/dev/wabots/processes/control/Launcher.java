package dev.wabots.processes.control;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Where bot processes run: the seam between the supervisor (which decides when a bot starts,
 * stops or restarts) and a place that can run them. Today's implementation runs local processes
 * ({@link LocalLauncher}); one pod per bot on Kubernetes would be another. The supervisor reaches
 * a bot only over HTTP at {@link BotProcess#address()}.
 */
public interface Launcher {

  /**
   * What to start.
   *
   * @param token the bot's own JWT (in its environment only)
   * @param tokenId the token's id, kept with the process (re-adoption)
   * @param commandSecret the credential the orchestrator's commands to the bot carry
   */
  record Spec(String instanceId, int port, String token, String tokenId, String commandSecret, String orchestratorUrl) {}

  /**
   * Starts a process for the bot (a launcher may hand it a pre-started one).
   *
   * @throws RuntimeException when it cannot; the message says why
   */
  BotProcess start(Spec spec);

  /**
   * Processes an earlier orchestrator left running that still serve a bot {@code known} accepts;
   * the others are stopped and forgotten.
   */
  List<BotProcess> survivors(Predicate<String> known);

  /** Who else listens on {@code port} (the bot could not bind it), or empty when it is free. */
  Optional<String> portHolder(int port);

  /** The newest lines of a bot's output, oldest first — also after its process ended. */
  List<String> logTail(String instanceId, int lines) throws IOException;

  /** A bot became ready. */
  default void ready(BotProcess process) {}

  /** A pre-started spare, if this launcher keeps one. */
  default Optional<SpareView> spare() {
    return Optional.empty();
  }

  /** The orchestrator shuts down: the launcher's helpers go; the bots keep running. */
  default void close() {}

  /** What the spare is doing; {@code trains}: it records the class-data archive. */
  record SpareView(boolean enabled, String state, Long pid, Integer port, Instant since, boolean trains) {}

  /** One running bot process, as the launcher reaches it. */
  interface BotProcess {
    String instanceId();

    long pid();

    int port();

    /** The bot's base URL, e.g. {@code http://127.0.0.1:8003}. */
    String address();

    Instant startedAt();

    String token();

    String tokenId();

    String commandSecret();

    boolean alive();

    /** Completes when the process has ended. */
    CompletionStage<Void> onExit();

    /** The exit code once it ended; null when unknown (a re-adopted process). */
    Integer exitCode();

    /**
     * Whether its runtime finished booting (the application may still be deploying, or a spare still
     * becoming the bot); false when unknown.
     */
    boolean booted();

    /**
     * Whether its runtime reported that the application failed to deploy: Payara goes on serving
     * without it, so the start can never become ready; false when unknown.
     */
    boolean deployFailed();

    /** Whether it was handed over already booted (a pre-started spare). */
    boolean fromSpare();

    /** Whether this process holds work that must end before it is killed (a class-data recording). */
    boolean busyOnStop();

    /**
     * Stops it: a polite signal, then force after {@code grace}.
     *
     * @return whether it ended within the grace period
     */
    boolean stop(Duration grace);

    /** The supervisor is done with it (stopped, exited, or handed over): forget what kept it. */
    void forget(boolean cleanExit);

    /**
     * Before a process that never became ready is stopped: its threads' stacks into its log, under a
     * header naming {@code why}, so that what it waited on can be read afterwards (bounded; nothing
     * where it cannot be done).
     */
    default void dumpThreads(String why) {}
  }
}
