package dev.wabots.instances.control;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Credentials a new sandbox bot gets so that it works end to end against the local Cloud API
 * stand-in at once: a phone number id and WABA id shaped like Meta's (15 digits), a random access
 * token, verify token and app secret (32 hex digits, like Meta's).
 */
public final class SandboxCredentials {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SandboxCredentials() {}

  public static String metaId() {
    StringBuilder sb = new StringBuilder("1");
    for (int i = 0; i < 14; i++) {
      sb.append(RANDOM.nextInt(10));
    }
    return sb.toString();
  }

  public static String accessToken() {
    return "SANDBOX" + hex(32);
  }

  public static String verifyToken() {
    return "verify-" + hex(12);
  }

  public static String appSecret() {
    return hex(16);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
