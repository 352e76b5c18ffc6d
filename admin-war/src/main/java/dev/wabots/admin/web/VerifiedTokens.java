package dev.wabots.admin.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose signature Payara's MP-JWT mechanism has already verified, with the caller
 * they named, until they expire. Bots call the orchestrator with the same token for their whole
 * life; checking its RSA signature and parsing its JSON on every call was ~15 % of a chat call's
 * CPU (BENCHMARKS.md, chat overhead). Only verification is remembered: who may do what is decided
 * per request as before (a bot token must still belong to the running process, a user must still
 * exist and be enabled). Keys are SHA-256 digests, so no token text is kept.
 */
final class VerifiedTokens {

  /** Entries kept at most; past that, expired ones go, and if that is not enough, all. */
  static final int MAX_ENTRIES = 10_000;

  record Verified(Principal caller, Set<String> groups, long expiresAtMillis) {}

  private final Map<Key, Verified> verified = new ConcurrentHashMap<>();

  /** The caller of a token verified before and not expired at {@code nowMillis}, or null. */
  Verified find(String token, long nowMillis) {
    Key key = Key.of(token);
    Verified v = verified.get(key);
    if (v == null) {
      return null;
    }
    if (v.expiresAtMillis() <= nowMillis) {
      verified.remove(key, v);
      return null;
    }
    return v;
  }

  /** Remembers a token the mechanism accepted, until its {@code exp}. */
  void remember(String token, Principal caller, Set<String> groups, long expiresAtMillis, long nowMillis) {
    if (expiresAtMillis <= nowMillis) {
      return;
    }
    if (verified.size() >= MAX_ENTRIES) {
      verified.values().removeIf(v -> v.expiresAtMillis() <= nowMillis);
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
    }
    verified.put(Key.of(token), new Verified(caller, Set.copyOf(groups), expiresAtMillis));
  }

  /** Forgets a token (its account's credentials changed, or the account is gone). */
  void forget(String token) {
    verified.remove(Key.of(token));
  }

  int size() {
    return verified.size();
  }

  /** A token's SHA-256 digest, compared by content. */
  private record Key(long a, long b, long c, long d) {
    static Key of(String token) {
      byte[] h;
      try {
        h = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h);
      return new Key(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
  }
}
