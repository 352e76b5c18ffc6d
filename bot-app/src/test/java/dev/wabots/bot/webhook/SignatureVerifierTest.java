package dev.wabots.bot.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  /** Signed by Meta (pywa's test suite), secret since reset: a value we did not compute ourselves. */
  static final String SECRET = "1222e786b144d0e85b9f365372d93676";
  static final String SIGNATURE = "sha256=54edfa1d7259e0eb13c677cc7d73d1b5c86cfa12433d19156e058ab9251bc441";

  static byte[] body() throws Exception {
    try (InputStream in = SignatureVerifierTest.class.getResourceAsStream("/signature-vector.body.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void acceptsMetasOwnSignatureOverTheRawBytes() throws Exception {
    assertTrue(new SignatureVerifier(SECRET).matches(SIGNATURE, body()));
  }

  @Test
  void rejectsAnyChangeToBodySignatureOrSecret() throws Exception {
    byte[] body = body();
    byte[] tampered = body.clone();
    tampered[tampered.length - 3] ^= 1;
    assertFalse(new SignatureVerifier(SECRET).matches(SIGNATURE, tampered));
    assertFalse(new SignatureVerifier(SECRET).matches(SIGNATURE.replace("441", "442"), body));
    assertFalse(new SignatureVerifier("another-secret").matches(SIGNATURE, body));
    assertFalse(new SignatureVerifier(SECRET).matches(SIGNATURE.substring("sha256=".length()), body), "prefix required");
    assertFalse(new SignatureVerifier(SECRET).matches("sha256=zz", body), "not hex");
    assertFalse(new SignatureVerifier(SECRET).matches(null, body));
    assertFalse(new SignatureVerifier(null).matches(SIGNATURE, body), "no secret, no trust");
    assertFalse(new SignatureVerifier(SECRET).matches(SIGNATURE + " ", new byte[0]));
  }

  @Test
  void oneVerifierChecksManyBodiesFromManyThreads() throws Exception {
    byte[] body = body();
    byte[] tampered = body.clone();
    tampered[10] ^= 1;
    SignatureVerifier verifier = new SignatureVerifier(SECRET);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int i = 0; i < 400; i++) {
        boolean good = i % 2 == 0;
        results.add(pool.submit(() -> verifier.matches(SIGNATURE, good ? body : tampered) == good));
      }
      for (var r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(verifier.isFor(SECRET));
    assertFalse(verifier.isFor("another-secret"));
  }
}
