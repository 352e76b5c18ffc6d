package dev.wabots.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which token each bot's running process holds. A bot token is good only while it is the token of
 * that bot's current process: it dies with the process (stop, crash, restart), so a leaked token of
 * an old process is worth nothing.
 */
@ApplicationScoped
public class BotProcessTokens {

  @Inject Tokens tokens;

  private final Map<String, String> current = new ConcurrentHashMap<>();

  /** A new token for the process about to start for {@code instanceId}; earlier ones stop working. */
  public Tokens.Issued issue(String instanceId) {
    Tokens.Issued issued = tokens.forBot(instanceId);
    current.put(instanceId, issued.jti());
    return issued;
  }

  /** A process re-adopted after an orchestrator restart keeps the token it was given. */
  public void adopt(String instanceId, String jti) {
    if (jti != null) {
      current.put(instanceId, jti);
    }
  }

  /** The bot has no running process any more. */
  public void revoke(String instanceId) {
    current.remove(instanceId);
  }

  /** Whether {@code jti} is the token of {@code instanceId}'s running process. */
  public boolean isCurrent(String instanceId, String jti) {
    return instanceId != null && jti != null && jti.equals(current.get(instanceId));
  }
}
