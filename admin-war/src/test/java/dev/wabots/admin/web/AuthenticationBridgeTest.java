package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import org.glassfish.soteria.mechanisms.jaspic.Jaspic;
import org.junit.jupiter.api.Test;

class AuthenticationBridgeTest {

  /** The container's side of one exchange: a request with attributes, a response, the callbacks it got. */
  private static final class Exchange implements MessageInfo {
    final Map<String, Object> attributes = new HashMap<>();
    final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getAttribute" -> attributes.get((String) args[0]);
          case "setAttribute" -> attributes.put((String) args[0], args[1]);
          case "removeAttribute" -> attributes.remove((String) args[0]);
          case "getRequestURI" -> "/api/bots";
          case "toString" -> "request";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
    final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
    final Map<String, Object> map = new HashMap<>();
    final List<Callback> callbacks = new ArrayList<>();

    @Override
    public Object getRequestMessage() {
      return request;
    }

    @Override
    public Object getResponseMessage() {
      return response;
    }

    @Override
    public void setRequestMessage(Object request) {}

    @Override
    public void setResponseMessage(Object response) {}

    @Override
    @SuppressWarnings("rawtypes")
    public Map getMap() {
      return map;
    }
  }

  /** A mechanism that answers what a test sets and remembers what it was given. */
  private static final class Mechanism implements HttpAuthenticationMechanism {
    AuthenticationStatus answer = AuthenticationStatus.SUCCESS;
    AuthenticationException failure;
    Principal caller;
    HttpServletRequest request;
    HttpServletResponse response;
    HttpMessageContext context;
    int cleaned;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
        HttpMessageContext context) throws AuthenticationException {
      this.request = request;
      this.response = response;
      this.context = context;
      if (failure != null) {
        throw failure;
      }
      return caller == null ? answer : context.notifyContainerAboutLogin(caller, Set.of("admin"));
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
        HttpMessageContext context) throws AuthenticationException {
      if (failure != null) {
        throw failure;
      }
      return answer;
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
      cleaned++;
    }
  }

  private final Mechanism mechanism = new Mechanism();
  private final AtomicInteger lookups = new AtomicInteger();
  private final Exchange exchange = new Exchange();

  private AuthenticationBridge bridge() throws AuthException {
    AuthenticationBridge bridge = new AuthenticationBridge(() -> {
      lookups.incrementAndGet();
      return mechanism;
    });
    bridge.initialize(null, null, callbacks -> exchange.callbacks.addAll(List.of(callbacks)), Map.of());
    return bridge;
  }

  @Test
  void theMechanismGetsTheContainersRequestAndResponseAndItsStatusIsTheContainers() throws Exception {
    AuthenticationBridge bridge = bridge();
    Map<AuthenticationStatus, AuthStatus> expected = Map.of(AuthenticationStatus.SUCCESS, AuthStatus.SUCCESS,
        AuthenticationStatus.NOT_DONE, AuthStatus.SUCCESS, AuthenticationStatus.SEND_CONTINUE,
        AuthStatus.SEND_CONTINUE, AuthenticationStatus.SEND_FAILURE, AuthStatus.SEND_FAILURE);
    for (Map.Entry<AuthenticationStatus, AuthStatus> e : expected.entrySet()) {
      mechanism.answer = e.getKey();
      assertEquals(e.getValue(), bridge.validateRequest(exchange, new Subject(), null), e.getKey().name());
      assertSame(exchange.request, mechanism.request);
      assertSame(exchange.response, mechanism.response);
      assertEquals(e.getKey(), Jaspic.getLastAuthenticationStatus(exchange.request), "the status the request keeps");
    }
  }

  @Test
  void theMechanismIsLookedUpOnceForAllRequestsAndResponses() throws Exception {
    AuthenticationBridge bridge = bridge();
    assertEquals(0, lookups.get(), "not before the first request");
    for (int i = 0; i < 5; i++) {
      bridge.validateRequest(exchange, new Subject(), null);
      bridge.secureResponse(exchange, null);
      bridge.cleanSubject(exchange, new Subject());
    }
    assertEquals(1, lookups.get());
    assertEquals(5, mechanism.cleaned);
  }

  @Test
  void aLoginReachesTheContainersCallbackHandlerWithTheCallersGroups() throws Exception {
    Principal alice = () -> "alice";
    mechanism.caller = alice;
    Subject client = new Subject();
    assertEquals(AuthStatus.SUCCESS, bridge().validateRequest(exchange, client, null));
    CallerPrincipalCallback caller = (CallerPrincipalCallback) exchange.callbacks.stream()
        .filter(c -> c instanceof CallerPrincipalCallback).findFirst().orElseThrow();
    assertSame(alice, caller.getPrincipal());
    assertSame(client, caller.getSubject());
    GroupPrincipalCallback groups = (GroupPrincipalCallback) exchange.callbacks.stream()
        .filter(c -> c instanceof GroupPrincipalCallback).findFirst().orElseThrow();
    assertEquals(List.of("admin"), List.of(groups.getGroups()));
  }

  @Test
  void anAuthenticationRequestFromSecurityContextIsSeenByTheMechanism() throws Exception {
    // SecurityContext.authenticate puts its parameters on the request before the container asks
    // the module: the panel's sign-in depends on the mechanism seeing them.
    UsernamePasswordCredential password = new UsernamePasswordCredential("alice", "secret");
    exchange.attributes.put(Jaspic.AUTH_PARAMS, AuthenticationParameters.withParams().credential(password));
    exchange.attributes.put(Jaspic.IS_AUTHENTICATION, true);
    bridge().validateRequest(exchange, new Subject(), null);
    assertTrue(mechanism.context.isAuthenticationRequest());
    assertSame(password, mechanism.context.getAuthParameters().getCredential());
  }

  @Test
  void aFailingMechanismIsTheContainersFailureWithItsCause() throws Exception {
    mechanism.failure = new AuthenticationException("token store down");
    AuthenticationBridge bridge = bridge();
    AuthException e = assertThrows(AuthException.class, () -> bridge.validateRequest(exchange, new Subject(), null));
    assertInstanceOf(AuthenticationException.class, e.getCause());
    assertEquals(AuthenticationStatus.SEND_FAILURE, Jaspic.getLastAuthenticationStatus(exchange.request));
    assertSame(mechanism.failure, assertThrows(AuthException.class, () -> bridge.secureResponse(exchange, null)).getCause());
  }

  @Test
  void aSecuredResponseIsSentAsItIs() throws Exception {
    AuthenticationBridge bridge = bridge();
    mechanism.answer = AuthenticationStatus.SUCCESS;
    assertEquals(AuthStatus.SEND_SUCCESS, bridge.secureResponse(exchange, null));
    mechanism.answer = AuthenticationStatus.SEND_FAILURE;
    assertEquals(AuthStatus.SEND_FAILURE, bridge.secureResponse(exchange, null));
  }
}
