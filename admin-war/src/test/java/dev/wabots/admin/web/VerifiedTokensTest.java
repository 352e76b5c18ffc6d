package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  static final Principal BOT = () -> "bot:sales-bot";

  @Test
  void remembersAVerifiedTokenUntilItExpires() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.remember("eyJ.a.b", BOT, Set.of("bot"), 10_000, 1_000);
    VerifiedTokens.Verified v = tokens.find("eyJ.a.b", 9_999);
    assertNotNull(v);
    assertEquals("bot:sales-bot", v.caller().getName());
    assertEquals(Set.of("bot"), v.groups());
    assertNull(tokens.find("eyJ.a.b", 10_000), "expired at exp");
    assertEquals(0, tokens.size(), "and forgotten");
  }

  @Test
  void anotherTokenIsUnknownEvenIfSimilar() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.remember("eyJ.a.b", BOT, Set.of("bot"), 10_000, 1_000);
    assertNull(tokens.find("eyJ.a.c", 2_000));
    assertNull(tokens.find("eyJ.a.b ", 2_000));
  }

  @Test
  void neverRemembersAnExpiredTokenAndStaysBounded() {
    VerifiedTokens tokens = new VerifiedTokens();
    tokens.remember("old", BOT, Set.of(), 1_000, 1_000);
    assertEquals(0, tokens.size());
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES; i++) {
      tokens.remember("t" + i, BOT, Set.of(), i < 100 ? 2_000 : 100_000, 1_500);
    }
    assertEquals(VerifiedTokens.MAX_ENTRIES, tokens.size());
    // Full: the next one first drops the expired entries, and only those.
    tokens.remember("late", BOT, Set.of(), 100_000, 2_500);
    assertEquals(VerifiedTokens.MAX_ENTRIES - 100 + 1, tokens.size());
    assertNotNull(tokens.find("t100", 3_000));
    assertNotNull(tokens.find("late", 3_000));
    // Full of live entries: all go rather than growing without bound.
    for (int i = 0; i < 200; i++) {
      tokens.remember("more" + i, BOT, Set.of(), 100_000, 2_500);
    }
    assertTrue(tokens.size() <= VerifiedTokens.MAX_ENTRIES, "bounded: " + tokens.size());
  }
}
