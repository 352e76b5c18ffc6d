package dev.wabots.bot.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex>} = HMAC-SHA256 of the raw
 * body bytes with the app secret, compared in constant time.
 */
public final class SignatureVerifier {

  private final byte[] key;

  public SignatureVerifier(String appSecret) {
    this.key = appSecret == null ? null : appSecret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean configured() {
    return key != null && key.length > 0;
  }

  /** True when {@code header} is the signature of {@code body}. */
  public boolean matches(String header, byte[] body) {
    if (!configured() || header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(given, hmac(body));
  }

  byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
