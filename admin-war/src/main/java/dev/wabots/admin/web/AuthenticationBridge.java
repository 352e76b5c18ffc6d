package dev.wabots.admin.web;

import dev.wabots.util.Lazy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.Supplier;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import org.glassfish.soteria.mechanisms.HttpMessageContextImpl;
import org.glassfish.soteria.mechanisms.jaspic.Jaspic;

/**
 * The WAR's Jakarta Authentication module: hands every request to the application's
 * authentication mechanism ({@link PanelAuthentication}) exactly as Jakarta Security's own bridge
 * in Payara (Soteria's {@code HttpBridgeServerAuthModule}) does — the same message context, the
 * same statuses, the same request attributes that {@code SecurityContext.authenticate} and the
 * container read — except that the mechanism is looked up once. Soteria's bridge looks it up on
 * every request and again for the response, each time through a JNDI lookup of the
 * {@code BeanManager} and a CDI resolution: 9–13 % of a busy orchestrator's samples, more than the
 * mechanism's own work (BENCHMARKS.md, "The authentication bridge"). The mechanism is an
 * application-scoped bean, so the reference kept is its client proxy.
 *
 * <p>{@link Installer} registers it for this web module when the module starts, in place of
 * Soteria's registration (made just before, by its container initializer; the same layer and
 * application context, so the factory replaces it). Soteria's listener removes the registration
 * when the module stops.
 */
public final class AuthenticationBridge implements ServerAuthModule {

  private static final Logger LOG = System.getLogger(AuthenticationBridge.class.getName());

  private final Lazy<HttpAuthenticationMechanism> mechanism;
  private volatile CallbackHandler handler;

  /** @param lookup finds the mechanism; asked once, at the first request */
  public AuthenticationBridge(Supplier<? extends HttpAuthenticationMechanism> lookup) {
    this.mechanism = new Lazy<>(() -> {
      HttpAuthenticationMechanism m = lookup.get();
      String name = m.getClass().getName();
      LOG.log(Level.INFO, "Requests are authenticated by {0} through {1}",
          name.contains("$Proxy$") ? name.substring(0, name.indexOf("$Proxy$")) : name,
          AuthenticationBridge.class.getSimpleName());
      return m;
    });
  }

  @Override
  public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
      @SuppressWarnings("rawtypes") Map options) {
    this.handler = handler;
  }

  @Override
  public Class<?>[] getSupportedMessageTypes() {
    return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
  }

  @Override
  public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
    HttpMessageContext context = new HttpMessageContextImpl(handler, message, client);
    HttpServletRequest request = context.getRequest();
    Jaspic.setLastAuthenticationStatus(request, AuthenticationStatus.NOT_DONE);
    AuthenticationStatus status;
    try {
      status = mechanism.get().validateRequest(request, context.getResponse(), context);
    } catch (AuthenticationException e) {
      Jaspic.setLastAuthenticationStatus(request, AuthenticationStatus.SEND_FAILURE);
      throw failure("Authentication failure in HttpAuthenticationMechanism", e);
    }
    Jaspic.setLastAuthenticationStatus(request, status);
    return Jaspic.fromAuthenticationStatus(status);
  }

  @Override
  public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
    HttpMessageContext context = new HttpMessageContextImpl(handler, message, null);
    AuthStatus status;
    try {
      status = Jaspic.fromAuthenticationStatus(
          mechanism.get().secureResponse(context.getRequest(), context.getResponse(), context));
    } catch (AuthenticationException e) {
      throw failure("Secure response failure in HttpAuthenticationMechanism", e);
    }
    return status == AuthStatus.SUCCESS ? AuthStatus.SEND_SUCCESS : status;
  }

  @Override
  public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
    HttpMessageContext context = new HttpMessageContextImpl(handler, message, subject);
    mechanism.get().cleanSubject(context.getRequest(), context.getResponse(), context);
  }

  private static AuthException failure(String message, AuthenticationException cause) {
    AuthException e = new AuthException(message);
    e.initCause(cause);
    return e;
  }

  /** Registers the bridge for this web module when it starts. */
  @WebListener
  public static class Installer implements ServletContextListener {

    @Inject Instance<HttpAuthenticationMechanism> mechanisms;

    @Override
    public void contextInitialized(ServletContextEvent event) {
      AuthConfigFactory.getFactory().registerServerAuthModule(new AuthenticationBridge(mechanisms::get),
          event.getServletContext());
    }
  }
}
