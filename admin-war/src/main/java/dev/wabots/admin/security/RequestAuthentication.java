package dev.wabots.admin.security;

import jakarta.annotation.PostConstruct;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who authenticates which request. The Cloud API sandbox's Graph stand-in ({@code /sandbox/**})
 * is called by bots with their Meta-style access token, which is not one of our JWTs: the sandbox
 * checks it itself. Everything else goes to Payara's MicroProfile JWT mechanism.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class RequestAuthentication implements HttpAuthenticationMechanism {

  @Inject BeanManager beans;

  private HttpAuthenticationMechanism jwt;

  @PostConstruct
  void findJwtMechanism() {
    // Payara adds it as a synthetic bean whose types (not bean class) name the implementation.
    for (Bean<?> bean : beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
      boolean isJwt = bean.getTypes().stream().anyMatch(t -> t.getTypeName().endsWith(".JWTAuthenticationMechanism"));
      if (isJwt) {
        jwt = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
            beans.createCreationalContext(bean));
        return;
      }
    }
    throw new IllegalStateException("Payara's MP-JWT authentication mechanism was not found");
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
      HttpMessageContext context) throws AuthenticationException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/sandbox/")) {
      return context.doNothing();
    }
    return jwt.validateRequest(request, response, context);
  }
}
