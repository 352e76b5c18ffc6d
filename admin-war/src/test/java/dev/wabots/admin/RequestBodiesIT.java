package dev.wabots.admin;

import static dev.wabots.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.testing.Api;
import dev.wabots.testing.Api.Reply;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile request bodies get a 4xx JSON answer naming the problem, never a 500: nesting, size,
 * encoding, duplicate keys and content after the JSON value.
 */
@ExtendWith(ArquillianExtension.class)
class RequestBodiesIT {

  @Deployment(testable = false)
  static WebArchive orchestrator() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("wabots.it.war")));
  }

  @ArquillianResource URL url;

  static Api admin;
  Api anonymous;
  URI base;

  @BeforeEach
  void connect() throws Exception {
    base = url.toURI().resolve("/");
    anonymous = new Api(base);
    if (admin == null) {
      admin = anonymous.login("admin", OrchestratorApiIT.ADMIN_PASSWORD);
    }
  }

  @Test
  void deeplyNestedJsonIsRefusedWith400NamingTheDepth() {
    Reply r = anonymous.post("/admin/auth/login", "[".repeat(10_000));
    assertEquals(400, r.status(), r.toString());
    assertEquals("invalid", r.json().get("error").asText());
    assertTrue(r.json().get("message").asText().contains("nested deeper than 64 levels"), r.toString());
    Reply nestedValue = admin.post("/admin/whatsapp/instances",
        "{\"name\":\"Deep\",\"llm_params\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}");
    assertEquals(400, nestedValue.status(), nestedValue.toString());
  }

  @Test
  void duplicateKeysAreRefusedNamingTheKey() {
    String name = "Twice " + UUID.randomUUID().toString().substring(0, 8);
    Reply r = admin.post("/admin/whatsapp/instances", "{\"name\":\"" + name + "\",\"name\":\"Other\"}");
    assertEquals(400, r.status(), r.toString());
    assertTrue(r.json().get("message").asText().contains("duplicate key \"name\""), r.toString());
    assertTrue(!admin.get("/admin/whatsapp/instances").body().contains(name), "nothing was created");
  }

  @Test
  void contentAfterTheJsonValueIsRefused() {
    String name = "Trailing " + UUID.randomUUID().toString().substring(0, 8);
    Reply r = admin.post("/admin/whatsapp/instances", json("name", name) + " {\"x\":1}");
    assertEquals(400, r.status(), r.toString());
    assertTrue(r.json().get("message").asText().contains("unexpected content after the JSON value"), r.toString());
    Reply login = anonymous.post("/admin/auth/login", json("username", "admin", "password", "x") + "garbage");
    assertEquals(400, login.status(), login.toString());
  }

  @Test
  void bodiesThatAreNotUtf8AreRefusedWithTheOffset() throws Exception {
    byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 3];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xC3; // a lead byte followed by one that cannot continue it
    body[prefix.length + 1] = (byte) 0x28;
    body[prefix.length + 2] = '"';
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/admin/auth/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("invalid UTF-8 at byte 9"), r.body());
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
    // Only the head and a few bytes go out: the answer must not wait for the 20 MB announced.
    String answer = raw("POST /admin/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 20000000\r\n\r\n{\"username\":", null);
    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    assertTrue(answer.contains("\"error\":\"payload_too_large\""), answer);
    assertTrue(answer.contains("larger than 1048576 bytes"), answer);
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWithoutReadingItAll() throws Exception {
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    String answer = raw("POST /admin/whatsapp/instances HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n", out -> {
          for (int i = 0; i < 17; i++) { // 1.06 MiB, just over the limit
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
  }

  @Test
  void aBodyUnderTheLimitStillWorks() {
    String name = "Roomy " + UUID.randomUUID().toString().substring(0, 8);
    Reply r = admin.post("/admin/whatsapp/instances", json("name", name, "system_prompt", "p".repeat(19_000)));
    assertEquals(201, r.status(), r.toString());
  }

  interface Writes {
    void to(OutputStream out) throws IOException;
  }

  /** Sends a request over a plain socket (so the test decides what goes out) and reads the answer. */
  private String raw(String head, Writes rest) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (rest != null) {
        rest.to(out);
      }
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        answer.write(buffer, 0, n);
        String text = answer.toString(StandardCharsets.UTF_8);
        if (text.contains("\r\n\r\n") && text.endsWith("}")) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
