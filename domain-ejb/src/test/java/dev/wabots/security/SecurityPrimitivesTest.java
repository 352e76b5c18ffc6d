package dev.wabots.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityPrimitivesTest {

  @TempDir Path dir;

  @Test
  void hashesPasswordsInTheJakartaSecurityFormatAndVerifiesThem() {
    String stored = PasswordHashing.hash("correct horse".toCharArray());
    String[] parts = stored.split(":");
    assertEquals("PBKDF2WithHmacSHA256", parts[0]);
    assertEquals(Integer.toString(PasswordHashing.ITERATIONS), parts[1]);
    assertTrue(PasswordHashing.verify("correct horse".toCharArray(), stored));
    assertFalse(PasswordHashing.verify("correct horsE".toCharArray(), stored));
    assertNotEquals(stored, PasswordHashing.hash("correct horse".toCharArray()), "salted");
    assertFalse(PasswordHashing.verify("x".toCharArray(), "garbage"));
  }

  @Test
  void createsOwnerOnlyKeysOnceAndNeverReplacesThem() throws Exception {
    KeyFiles keys = new KeyFiles(dir.resolve("keys"));
    assertEquals(2, keys.ensure().size());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.dir())));
    for (String f : new String[] {KeyFiles.JWT_PRIVATE, KeyFiles.JWT_PUBLIC, KeyFiles.SECRETS_KEY}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.dir().resolve(f))));
    }
    byte[] before = Files.readAllBytes(keys.dir().resolve(KeyFiles.SECRETS_KEY));
    assertTrue(keys.ensure().isEmpty());
    assertEquals(new String(before), Files.readString(keys.dir().resolve(KeyFiles.SECRETS_KEY)));

    Signature sign = Signature.getInstance("SHA256withRSA");
    sign.initSign(keys.jwtPrivateKey());
    sign.update(new byte[] {1, 2, 3});
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance("SHA256withRSA");
    verify.initVerify(keys.jwtPublicKey());
    verify.update(new byte[] {1, 2, 3});
    assertTrue(verify.verify(signature), "the two PEM files are one key pair");
  }

  @Test
  void encryptsSecretsWithAFreshNonceBoundToTheirColumn() {
    KeyFiles keys = new KeyFiles(dir.resolve("keys"));
    keys.ensure();
    SecretCipher cipher = new SecretCipher(keys.secretsKey());
    String a = cipher.encrypt("access_token", "EAAG-very-secret");
    String b = cipher.encrypt("access_token", "EAAG-very-secret");
    assertNotEquals(a, b);
    assertFalse(a.contains("very-secret"));
    assertEquals("EAAG-very-secret", cipher.decrypt("access_token", a));
    assertThrows(IllegalStateException.class, () -> cipher.decrypt("app_secret", a));
    // flip one bit of the last ciphertext byte (editing a Base64 character could touch only padding bits)
    byte[] raw = java.util.Base64.getDecoder().decode(a.substring("v1:".length()));
    raw[raw.length - 1] ^= 1;
    String tampered = "v1:" + java.util.Base64.getEncoder().encodeToString(raw);
    assertThrows(IllegalStateException.class, () -> cipher.decrypt("access_token", tampered));
  }
}
