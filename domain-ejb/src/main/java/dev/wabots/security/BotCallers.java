package dev.wabots.security;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  /** What a bot token says about its bot: the instance and the token's id. */
  record BotClaims(String instanceId, String tokenId) {}

  /** Marks a token read before that is not a bot's. */
  private static final BotClaims NOT_A_BOT = new BotClaims(null, null);

  /** Tokens whose claims are kept; the map starts again beyond this (each bot process has one). */
  static final int REMEMBERED = 4096;

  /**
   * The claims of the tokens seen, by token object. The API's mechanism hands a token it verified
   * before to the container again ({@code PanelAuthentication}'s verified tokens), so a bot's
   * requests come with the same object; Payara's token reads a claim that is not one of MP-JWT's
   * own names through {@code Claims.valueOf}, which throws and catches an exception on every read,
   * and copies the groups into a new set on every call (~3 % of a busy orchestrator's samples with
   * both read on every bot request, BENCHMARKS.md). Whether the token is still its bot's running
   * process's is checked on every call.
   */
  private final Map<JsonWebToken, BotClaims> read = new ConcurrentHashMap<>();

  /**
   * The instance id of the bot process calling.
   *
   * @throws Unauthorized without a token
   * @throws Forbidden for a person's token, or a bot token that is not its running process's
   */
  public String callingBot() {
    BotClaims bot = botClaims(security.getPrincipalsByType(JsonWebToken.class));
    if (bot == null) {
      Principal caller = security.getCallerPrincipal();
      LOG.log(Level.WARNING, "Internal API refused: caller {0} ({1}) has no bot token",
          caller == null ? "none" : caller.getName(), caller == null ? "-" : caller.getClass().getSimpleName());
      throw caller == null || "ANONYMOUS".equals(caller.getName())
          ? new Unauthorized("a bot token is required")
          : new Forbidden("only bot processes may call the internal API");
    }
    if (!tokens.isCurrent(bot.instanceId(), bot.tokenId())) {
      LOG.log(Level.WARNING, "Internal API refused: the token of bot {0} is not its running process''s token",
          bot.instanceId());
      throw new Forbidden("this bot token is not the one issued to the running process of that bot");
    }
    return bot.instanceId();
  }

  /** The claims of the first of {@code tokens} that is a bot's (the token's groups decide), or null. */
  BotClaims botClaims(Set<JsonWebToken> tokens) {
    for (JsonWebToken jwt : tokens) {
      BotClaims claims = read.get(jwt);
      if (claims == null) {
        claims = claimsOf(jwt);
        if (read.size() >= REMEMBERED) {
          read.clear();
        }
        read.put(jwt, claims);
      }
      if (claims != NOT_A_BOT) {
        return claims;
      }
    }
    return null;
  }

  /** What the token says when it is a bot's (its groups hold {@code bot}), else {@link #NOT_A_BOT}. */
  static BotClaims claimsOf(JsonWebToken jwt) {
    Set<String> groups = jwt.getGroups();
    if (groups == null || !groups.contains(Role.BOT_GROUP)) {
      return NOT_A_BOT;
    }
    Object claim = jwt.getClaim(Tokens.INSTANCE_CLAIM);
    return new BotClaims(claim == null ? null : claim.toString().replace("\"", ""), jwt.getTokenID());
  }
}
