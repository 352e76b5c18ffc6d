package dev.wabots.bot.config;

/**
 * Which bot this process is and the token the orchestrator issued to it. A bot started for its
 * instance has both in its environment from the first moment; a pre-started spare has neither
 * until the orchestrator hands it a bot ({@link dev.wabots.bot.spare.AdoptServlet}), once.
 */
public final class Identity {

  private static volatile String instanceId = System.getenv("WA_INSTANCE_ID");
  private static volatile String token = System.getenv("WA_INTERNAL_TOKEN");
  private static volatile String commandSecret = System.getenv("WA_COMMAND_SECRET");

  private Identity() {}

  /** The instance id, or null while this process is a spare. */
  public static String instanceId() {
    return instanceId;
  }

  /** This process's own bot token, or null while it is a spare. */
  public static String token() {
    return token;
  }

  /** {@code Bearer <token>} for the orchestrator's internal API. */
  public static String bearer() {
    return "Bearer " + token;
  }

  /** The secret the orchestrator's calls to this process carry, or null (a spare, or an old supervisor). */
  public static String commandSecret() {
    return commandSecret;
  }

  /** A spare becomes the given bot; returns false if this process already is one. */
  public static synchronized boolean adopt(String id, String botToken, String secret) {
    if (instanceId != null) {
      return false;
    }
    token = botToken;
    commandSecret = secret;
    instanceId = id;
    return true;
  }
}
