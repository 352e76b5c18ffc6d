package dev.wabots.security;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates bot processes calling the orchestrator's internal API: a bot token ({@code groups}
 * holding {@code bot}) whose {@code jti} is the token of that bot's running process.
 *
 * <p>A plain CDI bean, not an EJB: it touches no database, and every message of the fleet passes
 * it once or twice (an event batch is checked by its servlet and by the store), where an EJB's
 * invocation, pool and transaction checks cost three times the check itself (BENCHMARKS.md, the
 * warm orchestrator's profile). The caller comes from Jakarta Security's context, which is the
 * same subject in a servlet and in an EJB it calls.
 */
@ApplicationScoped
public class BotCallers {

  private static final Logger LOG = System.getLogger(BotCallers.class.getName());

  @Inject SecurityContext security;

  @Inject BotProcessTokens tokens;

  /**
   * The instance id of the bot process calling.
   *
   * @throws Unauthorized without a token
   * @throws Forbidden for a person's token, or a bot token that is not its running process's
   */
  public String callingBot() {
    JsonWebToken jwt = botToken(security.getPrincipalsByType(JsonWebToken.class));
    if (jwt == null) {
      Principal caller = security.getCallerPrincipal();
      LOG.log(Level.WARNING, "Internal API refused: caller {0} ({1}) has no bot token",
          caller == null ? "none" : caller.getName(), caller == null ? "-" : caller.getClass().getSimpleName());
      throw caller == null || "ANONYMOUS".equals(caller.getName())
          ? new Unauthorized("a bot token is required")
          : new Forbidden("only bot processes may call the internal API");
    }
    Object claim = jwt.getClaim(Tokens.INSTANCE_CLAIM);
    String instanceId = claim == null ? null : claim.toString().replace("\"", "");
    if (!tokens.isCurrent(instanceId, jwt.getTokenID())) {
      LOG.log(Level.WARNING, "Internal API refused: the token of bot {0} is not its running process''s token", instanceId);
      throw new Forbidden("this bot token is not the one issued to the running process of that bot");
    }
    return instanceId;
  }

  /** The token among the caller's that is a bot's (the token's groups decide), or null. */
  static JsonWebToken botToken(Set<JsonWebToken> tokens) {
    for (JsonWebToken jwt : tokens) {
      Set<String> groups = jwt.getGroups();
      if (groups != null && groups.contains(Role.BOT_GROUP)) {
        return jwt;
      }
    }
    return null;
  }
}
