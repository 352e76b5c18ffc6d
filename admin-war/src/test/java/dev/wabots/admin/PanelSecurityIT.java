package dev.wabots.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The panel over plain HTTP: paths are checked as served, pages carry their security headers, cookies their flags. */
@ExtendWith(ArquillianExtension.class)
class PanelSecurityIT {

  @Deployment(testable = false)
  static WebArchive orchestrator() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("wabots.it.war")));
  }

  @ArquillianResource URL url;

  URI base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void connect() throws Exception {
    base = url.toURI().resolve("/");
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The request line as written, without any client normalising the path. */
  String raw(String path) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPathThatResolvesPastThePublicResourcesIsNotFoundNotAnError() throws Exception {
    for (String path : List.of("/panel/jakarta.faces.resource/../bots", "/panel/jakarta.faces.resource/%2e%2e/bots",
        "/admin/../panel/bots")) {
      String answer = raw(path);
      assertTrue(answer.startsWith("HTTP/1.1 404"), path + " → " + answer.lines().findFirst().orElse(""));
      assertFalse(answer.contains("Exception") || answer.contains("\tat "), "no stack trace: " + answer);
    }
    assertTrue(raw("/panel/bots").startsWith("HTTP/1.1 302"), "the page itself still sends anonymous people to the login");
  }

  @Test
  void panelPagesCarryTheirSecurityHeaders() throws Exception {
    HttpResponse<String> login = get("/panel/login");
    assertEquals(200, login.statusCode());
    String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'"), csp);
    assertTrue(csp.matches(".*script-src 'self' 'nonce-[^']+';?$"), "scripts: the panel's and the page's nonce only: " + csp);
    assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), csp);
    assertFalse(csp.contains("unsafe-eval") || csp.matches(".*script-src[^;]*unsafe-inline.*"), csp);
    assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("same-origin", login.headers().firstValue("Referrer-Policy").orElse(""));
    String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");
    assertTrue(login.body().contains("nonce=\"" + nonce + "\""), "the page's scripts carry the nonce");
    assertEquals(List.of(), login.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("Secure")).toList(),
        "plain HTTP: no Secure cookies");
  }

  @Test
  void cookiesAreSecureBehindAProxyThatSaysHttps() throws Exception {
    HttpResponse<String> login = get("/panel/login", "X-Forwarded-Proto", "https");
    assertEquals(200, login.statusCode());
    List<String> sessions = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
    assertFalse(sessions.isEmpty(), login.headers().map().toString());
    String last = sessions.get(sessions.size() - 1);
    assertTrue(last.contains("; Secure") && last.contains("HttpOnly"), "the cookie the browser keeps: " + sessions);
    java.util.Map<String, String> lastByName = new java.util.LinkedHashMap<>();
    login.headers().allValues("Set-Cookie").forEach(c -> lastByName.put(c.substring(0, c.indexOf('=')), c));
    lastByName.values().forEach(c -> assertTrue(c.contains("; Secure"), "every cookie ends up Secure: " + c));
  }
}
