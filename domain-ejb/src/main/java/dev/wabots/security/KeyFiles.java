package dev.wabots.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The orchestrator's own keys, generated on first start and kept outside the database in
 * {@code <data>/keys/} with owner-only permissions: the RSA pair that signs login and bot tokens
 * (the public half is what MicroProfile JWT verifies with) and the AES key that encrypts bot
 * secrets at rest. Plain Java, so the command-line tool can prepare them before the server boots.
 */
public final class KeyFiles {

  public static final String JWT_PRIVATE = "jwt-private.pem";
  public static final String JWT_PUBLIC = "jwt-public.pem";
  public static final String SECRETS_KEY = "secrets.key";

  private final Path dir;

  public KeyFiles(Path keysDir) {
    this.dir = keysDir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path jwtPublicKeyFile() {
    return dir.resolve(JWT_PUBLIC);
  }

  /** Creates whatever key is missing; existing keys are never replaced. Returns what was made. */
  public java.util.List<String> ensure() {
    var made = new java.util.ArrayList<String>();
    try {
      createPrivateDirectory(dir);
      if (!Files.exists(dir.resolve(JWT_PRIVATE)) || !Files.exists(dir.resolve(JWT_PUBLIC))) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        Files.deleteIfExists(dir.resolve(JWT_PRIVATE));
        Files.deleteIfExists(dir.resolve(JWT_PUBLIC));
        writePrivate(dir.resolve(JWT_PRIVATE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        writePrivate(dir.resolve(JWT_PUBLIC), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        made.add("token signing key pair");
      }
      if (!Files.exists(dir.resolve(SECRETS_KEY))) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        writePrivate(dir.resolve(SECRETS_KEY), Base64.getEncoder().encodeToString(key) + "\n");
        made.add("secrets encryption key");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare keys in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate keys", e);
    }
    return made;
  }

  public PrivateKey jwtPrivateKey() {
    try {
      byte[] der = fromPem(Files.readString(dir.resolve(JWT_PRIVATE)));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token signing key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the token signing key in " + dir + " is damaged", e);
    }
  }

  public PublicKey jwtPublicKey() {
    try {
      byte[] der = fromPem(Files.readString(dir.resolve(JWT_PUBLIC)));
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token public key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the token public key in " + dir + " is damaged", e);
    }
  }

  public SecretKey secretsKey() {
    try {
      byte[] raw = Base64.getDecoder().decode(Files.readString(dir.resolve(SECRETS_KEY)).trim());
      if (raw.length != 32) {
        throw new IllegalStateException("the secrets key in " + dir + " is not 256 bits");
      }
      return new SecretKeySpec(raw, "AES");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secrets key in " + dir, e);
    }
  }

  /** Writes a file that only the owner can read, failing if it exists. */
  public static void writePrivate(Path file, String content) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw e;
    }
    Files.writeString(
        file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] fromPem(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
