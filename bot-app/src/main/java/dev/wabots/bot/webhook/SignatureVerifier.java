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

  private final String secret;
  private final byte[] key;
  /** Keyed once; every check works on a copy (finding and keying a Mac per request was measurable). */
  private final Mac keyed;

  public SignatureVerifier(String appSecret) {
    this.secret = appSecret;
    this.key = appSecret == null ? null : appSecret.getBytes(StandardCharsets.UTF_8);
    this.keyed = configured() ? newMac() : null;
  }

  public boolean configured() {
    return key != null && key.length > 0;
  }

  /** Whether this verifier checks with {@code appSecret} (the bot's secret may change on a restart). */
  public boolean isFor(String appSecret) {
    return java.util.Objects.equals(secret, appSecret);
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
    Mac mac;
    try {
      mac = (Mac) keyed.clone();
    } catch (CloneNotSupportedException e) {
      mac = newMac();
    }
    return mac.doFinal(body);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
