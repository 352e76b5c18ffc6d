package dev.wabots.security;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import dev.wabots.users.entity.User;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonNumber;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Resolves who is calling, from the container's caller principal (a JWT for the API, a session
 * login for the panel) and the user table: by the account's id, never by its name (a name can be
 * given to a new account after a deletion), and only while the account is enabled, still has that
 * name and the credentials the token or session was issued for.
 */
@Stateless
public class Callers {

  static final String LOG_IN_AGAIN = "your token or session is no longer valid; log in again";

  @Resource SessionContext context;

  @PersistenceContext EntityManager em;

  /** The person calling; bots and anonymous callers are refused. */
  public Caller current() {
    Principal principal = context.getCallerPrincipal();
    String name = principal == null ? null : principal.getName();
    if (name == null || name.isBlank() || "ANONYMOUS".equals(name)) {
      throw new Unauthorized("authentication required");
    }
    if (principal instanceof JsonWebToken jwt && jwt.getGroups() != null && jwt.getGroups().contains(Role.BOT_GROUP)) {
      throw new Forbidden("bot tokens cannot use the admin API");
    }
    return account(principal)
        .map(u -> new Caller(u.id(), u.username(), u.role()))
        .orElseThrow(() -> new Unauthorized(LOG_IN_AGAIN));
  }

  /**
   * Whether a person's token or panel session still stands (checked on every request, before any
   * resource runs). Never throws.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean stillValid(Principal principal) {
    return account(principal).isPresent();
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

  /** Whether an admin is calling (false for anyone else, bots and timers included). Never throws. */
  public boolean adminCalling() {
    try {
      return current().isAdmin();
    } catch (RuntimeException nobodyOrNotAPerson) {
      return false;
    }
  }

  /** The enabled account the principal names by id, if its name and credentials version still match. */
  private Optional<User> account(Principal principal) {
    long id;
    long version;
    if (principal instanceof JsonWebToken jwt) {
      if (jwt.getGroups() != null && jwt.getGroups().contains(Role.BOT_GROUP)) {
        return Optional.empty();
      }
      Long subject = number(jwt.getSubject());
      if (subject == null) {
        return Optional.empty();
      }
      id = subject;
      Object claim = jwt.getClaim(Tokens.VERSION_CLAIM);
      version = claim instanceof JsonNumber n ? n.longValue() : claim instanceof Number n ? n.longValue() : 0;
    } else if (principal instanceof AccountPrincipal account) {
      id = account.userId();
      version = account.tokenVersion();
    } else {
      return Optional.empty();
    }
    User user = em.find(User.class, id);
    if (user == null || !user.enabled() || !user.username().equals(principal.getName()) || user.tokenVersion() != version) {
      return Optional.empty();
    }
    return Optional.of(user);
  }

  private static Long number(String text) {
    try {
      return text == null ? null : Long.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
