package dev.wabots.admin.web;

import dev.wabots.platform.TooManyRequests;
import dev.wabots.security.AccountPrincipal;
import dev.wabots.security.Callers;
import dev.wabots.security.LoginThrottle;
import dev.wabots.security.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one authentication mechanism of the WAR (see docs/PAYARA-NOTES.md), deciding who
 * authenticates which request: the panel under {@code /panel/} signs people in with a session of
 * its own; the Cloud API sandbox ({@code /sandbox/}) checks the bots' Meta-style tokens itself;
 * every other request goes to Payara's MP-JWT mechanism unchanged, so the API never sees a
 * session and the panel never reads a token. Panel and API end in the same caller principal (the
 * user name) that the domain resolves.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class PanelAuthentication implements HttpAuthenticationMechanism {

  static final String PANEL = "/panel";
  static final String LOGIN_PAGE = PANEL + "/login";
  static final String HOME_PAGE = PANEL + "/bots";
  /** Request attribute: why the last sign-in was refused, when it was the throttle. */
  static final String THROTTLED = PanelAuthentication.class.getName() + ".throttled";

  private static final String SIGNED_IN = PanelAuthentication.class.getName() + ".signedIn";
  private static final Set<String> PUBLIC = Set.of(LOGIN_PAGE, PANEL + "/login.xhtml");
  private static final String RESOURCES = PANEL + "/jakarta.faces.resource/";
  static final String SANDBOX = "/sandbox/";

  @Inject BeanManager beans;

  @Inject IdentityStoreHandler identityStores;

  @Inject LoginThrottle throttle;

  @Inject Callers callers;

  private volatile HttpAuthenticationMechanism api;

  private final VerifiedTokens verified = new VerifiedTokens();

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String path = pathOf(request);
    if (!normalised(path)) {
      // "/panel/jakarta.faces.resource/../bots" must not pass as a public resource and then be
      // served as the page it resolves to: a path with dot segments names nothing here.
      return context.responseNotFound();
    }
    if (path.startsWith(SANDBOX)) {
      // The Cloud API sandbox's Graph stand-in: bots call it with their Meta-style access token,
      // which is not one of our JWTs; the sandbox checks it itself.
      return context.doNothing();
    }
    if (path.equals("/metrics") && !jwtShaped(request.getHeader("Authorization"))) {
      // A scraper's metrics token is not one of our JWTs; FleetMetrics checks it itself.
      return context.doNothing();
    }
    if (!isPanel(path)) {
      return bearer(request, response, context);
    }
    Credential credential = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
      return signIn(request, context, password);
    }
    SignedIn who = signedIn(request);
    boolean resource = path.startsWith(RESOURCES);
    if (who != null && (resource || callers.stillValid(who.principal()))) {
      return context.notifyContainerAboutLogin(who.principal(), who.groups());
    }
    if (who != null) {
      // The password changed (here, by an admin or from the shell), or the account is gone or
      // disabled: the session ends.
      request.getSession().invalidate();
    }
    if (PUBLIC.contains(path) || resource) {
      return context.doNothing();
    }
    return toLoginPage(request, response, context);
  }

  /** A bearer credential with a JWT's three dot-separated parts. */
  static boolean jwtShaped(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return authorization.substring(7).strip().chars().filter(c -> c == '.').count() == 2;
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String path = pathOf(request);
    return isPanel(path) || path.startsWith(SANDBOX)
        ? AuthenticationStatus.SUCCESS
        : api().secureResponse(request, response, context);
  }

  @Override
  public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = pathOf(request);
    if (path.startsWith(SANDBOX)) {
      context.cleanClientSubject();
    } else if (isPanel(path)) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.removeAttribute(SIGNED_IN);
      }
      context.cleanClientSubject();
    } else {
      api().cleanSubject(request, response, context);
    }
  }

  /**
   * The API: a bearer token verified before (and not expired) names its caller at once; any other
   * request goes to Payara's MP-JWT mechanism, and a token it accepts is remembered.
   */
  private AuthenticationStatus bearer(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String header = request.getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    long now = System.currentTimeMillis();
    if (token != null && !token.isEmpty()) {
      VerifiedTokens.Verified known = verified.find(token, now);
      if (known != null) {
        if (!stillValid(known.caller(), known.groups())) {
          verified.forget(token);
          return context.responseUnauthorized();
        }
        return context.notifyContainerAboutLogin(known.caller(), known.groups());
      }
    }
    AuthenticationStatus status = api().validateRequest(request, response, context);
    if (token != null && status == AuthenticationStatus.SUCCESS
        && context.getCallerPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
      Set<String> groups = context.getGroups() == null ? Set.of() : context.getGroups();
      if (!stillValid(jwt, groups)) {
        return context.responseUnauthorized();
      }
      verified.remember(token, jwt, groups, jwt.getExpirationTime() * 1000, now);
    }
    return status;
  }

  /**
   * A person's token stands only while their account is enabled, has the name the token says and
   * the credentials it was issued for (checked on every request); bot tokens are the supervisor's.
   */
  private boolean stillValid(java.security.Principal caller, Set<String> groups) {
    return groups.contains(Role.BOT_GROUP) || callers.stillValid(caller);
  }

  /** Checks the password (throttled like the API's login) and starts a fresh session on success. */
  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential password) {
    try {
      throttle.attempt(password.getCaller(), request.getRemoteAddr());
    } catch (TooManyRequests e) {
      request.setAttribute(THROTTLED, e.retryAfterSeconds());
      return AuthenticationStatus.SEND_FAILURE;
    }
    CredentialValidationResult result = identityStores.validate(password);
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed();
      return AuthenticationStatus.SEND_FAILURE;
    }
    throttle.succeeded(password.getCaller(), request.getRemoteAddr());
    // A new session id on every sign-in: a session id planted before login is worthless after.
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    if (!(result.getCallerPrincipal() instanceof AccountPrincipal account)) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    SignedIn who = new SignedIn(account, Set.copyOf(result.getCallerGroups()));
    request.getSession(true).setAttribute(SIGNED_IN, who);
    return context.notifyContainerAboutLogin(who.principal(), who.groups());
  }

  /** After the person changed their own password: this session goes on under a new id and the new credentials. */
  static void renew(HttpServletRequest request, AccountPrincipal account) {
    SignedIn who = signedIn(request);
    if (who != null) {
      request.changeSessionId();
      request.getSession().setAttribute(SIGNED_IN, new SignedIn(account, who.groups()));
    }
  }

  /** Anonymous: to the login page; an Ajax request gets the redirect the Faces client follows. */
  private static AuthenticationStatus toLoginPage(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String login = request.getContextPath() + LOGIN_PAGE;
    if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
      return context.redirect(login);
    }
    try {
      response.setContentType("text/xml");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
          + login + "\"/></partial-response>");
    } catch (IOException e) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    return AuthenticationStatus.SEND_CONTINUE;
  }

  private static SignedIn signedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null ? null : (SignedIn) session.getAttribute(SIGNED_IN);
  }

  private static String pathOf(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /**
   * Whether the raw path, decoded, is already what the container serves (no {@code .} or
   * {@code ..} segments, no empty segments, no backslashes or path parameters that resolve
   * elsewhere): access is decided on the path that is served, never on a spelling of it.
   */
  static boolean normalised(String rawPath) {
    String decoded = decode(rawPath);
    if (decoded == null || decoded.indexOf('\\') >= 0 || decoded.indexOf(';') >= 0) {
      return false;
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return !decoded.contains("//");
  }

  /** Percent-decoding of a path (UTF-8; '+' is a plus), or null when an escape is broken. */
  private static String decode(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%') {
        if (i + 2 >= path.length()) {
          return null;
        }
        int hi = Character.digit(path.charAt(i + 1), 16);
        int lo = Character.digit(path.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  static boolean isPanel(String path) {
    return path.equals(PANEL) || path.startsWith(PANEL + "/");
  }

  /** Payara's own MP-JWT mechanism, which this alternative hides from injection. */
  private HttpAuthenticationMechanism api() {
    HttpAuthenticationMechanism found = api;
    if (found == null) {
      // Payara adds it as a synthetic bean: its types, not always its bean class, name the implementation.
      Bean<?> bean = beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE).stream()
          .filter(b -> b.getBeanClass().getName().endsWith(".JWTAuthenticationMechanism")
              || b.getTypes().stream().anyMatch(t -> t.getTypeName().endsWith(".JWTAuthenticationMechanism")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "Payara's MP-JWT mechanism is missing: is @LoginConfig(authMethod = \"MP-JWT\") still on the JAX-RS application?"));
      found = (HttpAuthenticationMechanism) beans.getReference(
          bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
      api = found;
    }
    return found;
  }

  /** Who signed in to this session (account id, name, credentials version), and their groups (their role). */
  record SignedIn(AccountPrincipal principal, Set<String> groups) implements Serializable {}
}
