package dev.wabots.security;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates bot processes calling the orchestrator's internal API: a bot token ({@code groups}
 * holding {@code bot}) whose {@code jti} is the token of that bot's running process.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BotCallers {

  private static final Logger LOG = System.getLogger(BotCallers.class.getName());

  @Resource SessionContext context;

  @Inject BotProcessTokens tokens;

  /**
   * The instance id of the bot process calling. Touches no database: it joins the caller's
   * transaction if there is one and starts none (a container transaction per check was measurable
   * on every chat call).
   *
   * @throws Unauthorized without a token
   * @throws Forbidden for a person's token, or a bot token that is not its running process's
   */
  public String callingBot() {
    var principal = context.getCallerPrincipal();
    // The token's groups decide: the EJB module does not declare web roles.
    if (!(principal instanceof JsonWebToken jwt) || jwt.getGroups() == null || !jwt.getGroups().contains(Role.BOT_GROUP)) {
      LOG.log(Level.WARNING, "Internal API refused: caller {0} ({1}) has no bot token",
          principal == null ? "none" : principal.getName(), principal == null ? "-" : principal.getClass().getSimpleName());
      throw principal == null || "ANONYMOUS".equals(principal.getName())
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
}
