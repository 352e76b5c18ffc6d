package dev.wabots.users.boundary;

import dev.wabots.audit.boundary.AuditLog;
import dev.wabots.platform.Conflict;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import dev.wabots.security.AccountPrincipal;
import dev.wabots.security.Caller;
import dev.wabots.security.Callers;
import dev.wabots.security.LoginThrottle;
import dev.wabots.security.PasswordHashing;
import dev.wabots.security.Role;
import dev.wabots.security.Tokens;
import dev.wabots.users.control.UserRules;
import dev.wabots.users.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accounts: logging in, who am I, and (admins only) managing people. */
@Stateless
public class Users {

  static final String BAD_LOGIN = "invalid username or password";

  @PersistenceContext EntityManager em;

  @Inject Callers callers;

  @Inject Tokens tokens;

  @Inject LoginThrottle throttle;

  @Inject AuditLog audit;

  /**
   * Checks a password and issues a token. Unknown user, disabled user and wrong password all give
   * the same answer after the same work.
   */
  public Login login(String username, String password, String clientAddress) {
    throttle.attempt(username, clientAddress);
    String name = UserRules.normaliseName(username);
    char[] secret = password == null ? new char[0] : password.toCharArray();
    Optional<User> found = name == null || name.isEmpty() ? Optional.empty() : byName(name);
    if (found.isEmpty()) {
      PasswordHashing.verifyNothing(secret);
      // The attempted name is not recorded: people sometimes type a password into it.
      audit.recordAlone("(unknown user)", "auth.login_failed", null, AuditLog.details("from", clientAddress));
      throttle.failed();
      throw new Unauthorized(BAD_LOGIN);
    }
    User user = found.get();
    boolean ok = PasswordHashing.verify(secret, user.passwordHash());
    if (!ok || !user.enabled()) {
      audit.recordAlone(user.username(), "auth.login_failed", null, AuditLog.details("from", clientAddress));
      throttle.failed();
      throw new Unauthorized(BAD_LOGIN);
    }
    throttle.succeeded(username, clientAddress);
    return loginOf(user);
  }

  private Login loginOf(User user) {
    Tokens.Issued issued = tokens.forUser(user.id(), user.username(), user.role(), user.tokenVersion());
    return new Login(issued.token(), issued.expiresInSeconds(), view(user), principalOf(user));
  }

  private static AccountPrincipal principalOf(User user) {
    return new AccountPrincipal(user.id(), user.username(), user.tokenVersion());
  }

  /**
   * Checks a password without issuing a token (the panel's session login). A refusal is audited
   * like the API's ({@code auth.login_failed} with the client's address); the throttle is the
   * caller's part, as it runs before the password is read.
   */
  public Optional<Login> checkPassword(String username, String password, String clientAddress) {
    String name = UserRules.normaliseName(username);
    char[] secret = password == null ? new char[0] : password.toCharArray();
    Optional<User> found = name == null || name.isEmpty() ? Optional.empty() : byName(name);
    if (found.isEmpty()) {
      PasswordHashing.verifyNothing(secret);
      audit.recordAlone("(unknown user)", "auth.login_failed", null, AuditLog.details("from", clientAddress, "via", "panel"));
      return Optional.empty();
    }
    User user = found.get();
    if (!PasswordHashing.verify(secret, user.passwordHash()) || !user.enabled()) {
      audit.recordAlone(user.username(), "auth.login_failed", null, AuditLog.details("from", clientAddress, "via", "panel"));
      return Optional.empty();
    }
    return Optional.of(new Login(null, 0, view(user), principalOf(user)));
  }

  public UserView me() {
    Caller caller = callers.current();
    return view(em.find(User.class, caller.userId()));
  }

  /**
   * Changes the caller's password: every token and panel session of the account ends, and the
   * answer is a fresh login (a token, and the principal the panel renews its session with).
   */
  public Login changeOwnPassword(String oldPassword, String newPassword) {
    Caller caller = callers.current();
    User user = em.find(User.class, caller.userId());
    if (oldPassword == null || !PasswordHashing.verify(oldPassword.toCharArray(), user.passwordHash())) {
      throw Invalid.of("old_password", "does not match the current password");
    }
    List<FieldError> errors = UserRules.checkPassword("new_password", newPassword, user.username());
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    user.changePassword(PasswordHashing.hash(newPassword.toCharArray()), Instant.now());
    audit.record(caller.username(), "user.password_changed", null, AuditLog.details("user", user.username()));
    return loginOf(user);
  }

  public void preferLanguage(String language) {
    Caller caller = callers.current();
    if (!List.of("ru", "en").contains(language)) {
      throw Invalid.of("language", "must be ru or en");
    }
    em.find(User.class, caller.userId()).preferLanguage(language, Instant.now());
  }

  public List<UserView> list() {
    callers.admin();
    return em.createNamedQuery(User.ALL, User.class).getResultList().stream().map(Users::view).toList();
  }

  public UserView create(String username, String password, String role) {
    Caller caller = callers.admin();
    List<FieldError> errors = new ArrayList<>(UserRules.checkName(username));
    errors.addAll(UserRules.checkPassword("password", password, username));
    Optional<Role> parsed = Role.parse(role == null ? "user" : role);
    if (parsed.isEmpty()) {
      errors.add(new FieldError("role", "must be one of " + Role.choices()));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    String name = UserRules.normaliseName(username);
    if (byName(name).isPresent()) {
      throw Conflict.onField("username", "user '" + name + "' already exists");
    }
    User user = new User(name, PasswordHashing.hash(password.toCharArray()), parsed.get(), Instant.now());
    em.persist(user);
    em.flush();
    audit.record(caller.username(), "user.create", null,
        AuditLog.details("user", name, "role", parsed.get().id()));
    return view(user);
  }

  /** Changes role, password and/or enabled; {@code null} keeps a value. */
  public UserView update(long id, String role, String password, Boolean enabled) {
    Caller caller = callers.admin();
    User user = Optional.ofNullable(em.find(User.class, id))
        .orElseThrow(() -> new NotFound("user", Long.toString(id)));
    List<FieldError> errors = new ArrayList<>();
    Optional<Role> newRole = Optional.empty();
    if (role != null) {
      newRole = Role.parse(role);
      if (newRole.isEmpty()) {
        errors.add(new FieldError("role", "must be one of " + Role.choices()));
      }
    }
    if (password != null) {
      errors.addAll(UserRules.checkPassword("password", password, user.username()));
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    boolean losesAdmin = user.role() == Role.ADMIN && user.enabled()
        && ((newRole.isPresent() && newRole.get() != Role.ADMIN) || Boolean.FALSE.equals(enabled));
    if (losesAdmin && enabledAdmins() <= 1) {
      throw new Conflict("cannot demote or disable the last enabled admin");
    }
    Instant now = Instant.now();
    List<String> changed = new ArrayList<>();
    newRole.ifPresent(r -> { user.changeRole(r, now); changed.add("role"); });
    if (password != null) {
      user.changePassword(PasswordHashing.hash(password.toCharArray()), now);
      changed.add("password");
    }
    if (enabled != null) {
      user.enable(enabled, now);
      changed.add("enabled");
    }
    audit.record(caller.username(), "user.update", null,
        AuditLog.details("user", user.username(), "fields", changed));
    return view(user);
  }

  public void delete(long id) {
    Caller caller = callers.admin();
    User user = Optional.ofNullable(em.find(User.class, id))
        .orElseThrow(() -> new NotFound("user", Long.toString(id)));
    if (user.id() == caller.userId()) {
      throw new Forbidden("you cannot delete your own account");
    }
    if (user.role() == Role.ADMIN && user.enabled() && enabledAdmins() <= 1) {
      throw new Conflict("cannot delete the last enabled admin");
    }
    em.remove(user);
    audit.record(caller.username(), "user.delete", null, AuditLog.details("user", user.username()));
  }

  private long enabledAdmins() {
    return em.createNamedQuery(User.COUNT_ENABLED_ADMINS, Long.class)
        .setParameter("role", Role.ADMIN)
        .getSingleResult();
  }

  private Optional<User> byName(String name) {
    return em.createNamedQuery(User.BY_NAME, User.class).setParameter("name", name)
        .getResultStream().findFirst();
  }

  static UserView view(User u) {
    return new UserView(u.id(), u.username(), u.role().id(), u.enabled(), u.language(), u.created(), u.updated());
  }

  /** What the API shows of an account (never the hash). */
  public record UserView(
      long id, String username, String role, boolean enabled, String language, Instant created, Instant updated) {}

  /**
   * A successful login: a token (none for the panel's password check), the account, and who the
   * panel's session is for.
   */
  public record Login(String accessToken, long expiresIn, UserView user, AccountPrincipal principal) {}
}
