package dev.wabots.security;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import dev.wabots.users.entity.User;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.Principal;

/**
 * Resolves who is calling, from the container's caller principal (a JWT for the API, a session
 * login for the panel) and the user table — so a disabled or deleted account loses access at once,
 * even with a token that has not expired.
 */
@Stateless
public class Callers {

  @Resource SessionContext context;

  @PersistenceContext EntityManager em;

  /** The person calling; bots and anonymous callers are refused. */
  public Caller current() {
    Principal principal = context.getCallerPrincipal();
    String name = principal == null ? null : principal.getName();
    if (name == null || name.isBlank() || "ANONYMOUS".equals(name)) {
      throw new Unauthorized("authentication required");
    }
    if (principal instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt
        && jwt.getGroups() != null
        && jwt.getGroups().contains(Role.BOT_GROUP)) {
      throw new Forbidden("bot tokens cannot use the admin API");
    }
    return em
        .createNamedQuery(User.BY_NAME, User.class)
        .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
        .getResultStream()
        .filter(User::enabled)
        .findFirst()
        .map(u -> new Caller(u.id(), u.username(), u.role()))
        .orElseThrow(() -> new Unauthorized("account unknown or disabled"));
  }

  /** The current person, who must be allowed to change things. */
  public Caller writer() {
    Caller caller = current();
    if (!caller.role().mayWrite()) {
      throw new Forbidden("the " + caller.role().id() + " role is read-only");
    }
    return caller;
  }

  /** The current person, who must be an admin. */
  public Caller admin() {
    Caller caller = current();
    if (!caller.isAdmin()) {
      throw new Forbidden("only admins may do this");
    }
    return caller;
  }
}
