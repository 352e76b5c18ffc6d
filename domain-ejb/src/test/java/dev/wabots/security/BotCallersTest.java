package dev.wabots.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Unauthorized;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotCallersTest {

  /** A token with fixed claims that counts how often they are read. */
  private static final class Token implements JsonWebToken {
    final Map<String, Object> claims;
    final AtomicInteger reads = new AtomicInteger();

    Token(String name, Set<String> groups, String instance, String jti) {
      claims = instance == null ? Map.of("groups", groups, "jti", jti, "upn", name)
          : Map.of("groups", groups, "jti", jti, "upn", name, Tokens.INSTANCE_CLAIM, "\"" + instance + "\"");
    }

    @Override
    public String getName() {
      return (String) claims.get("upn");
    }

    @Override
    public Set<String> getClaimNames() {
      return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
      reads.incrementAndGet();
      return (T) claims.get(name);
    }
  }

  /** Jakarta Security's context with the caller's principals a test sets. */
  private static final class Context implements SecurityContext {
    Set<Principal> principals = Set.of();

    @Override
    public Principal getCallerPrincipal() {
      return principals.isEmpty() ? null : principals.iterator().next();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
      Set<T> out = new LinkedHashSet<>();
      principals.stream().filter(type::isInstance).forEach(p -> out.add((T) p));
      return out;
    }

    @Override
    public boolean isCallerInRole(String role) {
      return false;
    }

    @Override
    public boolean hasAccessToWebResource(String resource, String... methods) {
      return false;
    }

    @Override
    public AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
        AuthenticationParameters parameters) {
      throw new UnsupportedOperationException();
    }
  }

  private final Context context = new Context();
  private final BotCallers callers = new BotCallers();

  @BeforeEach
  void wire() {
    callers.security = context;
    callers.tokens = new BotProcessTokens();
    callers.tokens.adopt("bot-1", "jti-1");
    callers.tokens.adopt("bot-2", "jti-2");
  }

  @Test
  void aBotTokenOfTheRunningProcessNamesItsBotAndIsReadOnce() {
    Token token = new Token("bot:bot-1", Set.of(Role.BOT_GROUP), "bot-1", "jti-1");
    context.principals = Set.of(token);
    for (int i = 0; i < 100; i++) {
      assertEquals("bot-1", callers.callingBot());
    }
    assertEquals(3, token.reads.get(), "groups, instance and token id, read at the first call only");
  }

  @Test
  void whetherTheTokenIsTheRunningProcessesIsCheckedOnEveryCall() {
    Token token = new Token("bot:bot-1", Set.of(Role.BOT_GROUP), "bot-1", "jti-1");
    context.principals = Set.of(token);
    assertEquals("bot-1", callers.callingBot());
    callers.tokens.revoke("bot-1"); // the process stopped: its token dies with it
    assertThrows(Forbidden.class, callers::callingBot);
    callers.tokens.adopt("bot-1", "jti-9"); // a new process with a new token
    assertThrows(Forbidden.class, callers::callingBot);
  }

  @Test
  void aPersonsTokenIsForbiddenAndNoTokenIsUnauthorized() {
    context.principals = Set.of(new Token("alice", Set.of("admin"), null, "jti-a"));
    assertThrows(Forbidden.class, callers::callingBot);
    assertThrows(Forbidden.class, callers::callingBot); // remembered as not a bot's, still refused
    context.principals = Set.of();
    assertThrows(Unauthorized.class, callers::callingBot);
  }

  @Test
  void eachTokenObjectIsReadForItself() {
    Token one = new Token("bot:bot-1", Set.of(Role.BOT_GROUP), "bot-1", "jti-1");
    Token two = new Token("bot:bot-2", Set.of(Role.BOT_GROUP), "bot-2", "jti-2");
    context.principals = Set.of(one);
    assertEquals("bot-1", callers.callingBot());
    context.principals = Set.of(two);
    assertEquals("bot-2", callers.callingBot());
    context.principals = Set.of(one);
    assertEquals("bot-1", callers.callingBot());
  }

  @Test
  void theBotsTokenIsFoundBesideOthers() {
    Token person = new Token("alice", Set.of("admin"), null, "jti-a");
    Token bot = new Token("bot:bot-2", Set.of(Role.BOT_GROUP), "bot-2", "jti-2");
    context.principals = new LinkedHashSet<>(java.util.List.of(person, bot));
    assertEquals("bot-2", callers.callingBot());
    assertNull(callers.botClaims(Set.of(person)));
  }

  @Test
  void manyTokensLaterTheAnswersAreStillTheirs() {
    Token first = new Token("bot:bot-1", Set.of(Role.BOT_GROUP), "bot-1", "jti-1");
    context.principals = Set.of(first);
    assertEquals("bot-1", callers.callingBot());
    for (int i = 0; i < BotCallers.REMEMBERED + 10; i++) {
      assertNull(callers.botClaims(Set.of(new Token("p" + i, Set.of("viewer"), null, "j" + i))));
    }
    assertEquals("bot-1", callers.callingBot());
  }
}
