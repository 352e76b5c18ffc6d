package dev.wabots.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 with HMAC-SHA256, in the text form Jakarta Security's {@code Pbkdf2PasswordHash} uses
 * ({@code PBKDF2WithHmacSHA256:<iterations>:<salt b64>:<hash b64>}), so stored hashes stay
 * readable by the container's implementation too. Plain Java for the command-line tool.
 */
public final class PasswordHashing {

  static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 32;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHashing() {}

  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder();
    return ALGORITHM + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
  }

  public static boolean verify(char[] password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split(":");
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = derive(password, salt, iterations, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Burns the same time as a real check, so an unknown user name answers as slowly as a wrong password. */
  public static void verifyNothing(char[] password) {
    derive(password, new byte[SALT_BYTES], ITERATIONS, HASH_BYTES);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
      try {
        return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is not available", e);
    }
  }
}
