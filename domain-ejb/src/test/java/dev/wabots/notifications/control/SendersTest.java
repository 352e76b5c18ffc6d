package dev.wabots.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each channel against a protocol-faithful peer on loopback: Telegram's Bot API, SMTP, a webhook receiver. */
class SendersTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Notice NOTICE = new Notice("needs_person", "support-bot", "Support Bot", Instant.parse("2026-12-03T10:00:00Z"),
      "Support Bot: a customer needs a person", "🙋 Ирина +79001234567 needs a person", "http://panel/x",
      Map.of("phone", "79001234567"));

  HttpServer server;
  final List<String[]> received = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  volatile String answer = "{\"ok\":true,\"result\":{\"message_id\":1}}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new String[] {exchange.getRequestURI().getPath(), body,
          exchange.getRequestHeaders().getFirst("X-Wabots-Signature")});
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status.get(), out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void telegramGetsSendMessageWithTheChatAndTheTextAndLink() throws Exception {
    new Senders(base()).send(new ChannelConfig.Telegram("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", "-1001234"), NOTICE, "n1");
    assertEquals("/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ/sendMessage", received.get(0)[0]);
    JsonNode body = JSON.readTree(received.get(0)[1]);
    assertEquals("-1001234", body.get("chat_id").asText());
    assertTrue(body.get("text").asText().contains("Ирина") && body.get("text").asText().endsWith("http://panel/x"));
  }

  @Test
  void aRefusedTelegramTokenIsFinalAndASlowDownIsRetried() {
    status.set(401);
    answer = "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}";
    DeliveryFailed refused = assertThrows(DeliveryFailed.class,
        () -> new Senders(base()).send(new ChannelConfig.Telegram("1:bad", "1"), NOTICE, "n1"));
    assertFalse(refused.retryable());
    assertTrue(refused.getMessage().contains("token"), refused.getMessage());
    status.set(429);
    answer = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\"}";
    assertTrue(assertThrows(DeliveryFailed.class,
        () -> new Senders(base()).send(new ChannelConfig.Telegram("1:x", "1"), NOTICE, "n1")).retryable());
    status.set(502);
    answer = "<html>gateway page with secrets</html>";
    DeliveryFailed page = assertThrows(DeliveryFailed.class,
        () -> new Senders(base()).send(new ChannelConfig.Telegram("1:x", "1"), NOTICE, "n1"));
    assertFalse(page.getMessage().contains("secrets"), "never echoes the other end's page: " + page.getMessage());
  }

  @Test
  void theWebhookGetsSignedJsonThatTheReceiverCanVerify() throws Exception {
    new Senders(base()).send(new ChannelConfig.Webhook(base() + "/crm/hook", "a-long-shared-secret"), NOTICE, "n42");
    String[] got = received.get(0);
    assertEquals("/crm/hook", got[0]);
    assertEquals(Senders.signature("a-long-shared-secret", got[1]), got[2]);
    assertTrue(got[2].startsWith("sha256=") && got[2].length() == 7 + 64);
    JsonNode body = JSON.readTree(got[1]);
    assertEquals("needs_person", body.get("event").asText());
    assertEquals("n42", body.get("delivery").asText());
    assertEquals("79001234567", body.get("data").get("phone").asText());
    status.set(500);
    assertTrue(assertThrows(DeliveryFailed.class, () -> new Senders(base()).send(
        new ChannelConfig.Webhook(base() + "/crm/hook", "a-long-shared-secret"), NOTICE, "n43")).retryable());
    status.set(410);
    assertFalse(assertThrows(DeliveryFailed.class, () -> new Senders(base()).send(
        new ChannelConfig.Webhook(base() + "/crm/hook", "a-long-shared-secret"), NOTICE, "n44")).retryable());
  }

  @Test
  void anUnreachableReceiverIsRetryable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertTrue(assertThrows(DeliveryFailed.class, () -> new Senders(base()).send(
        new ChannelConfig.Webhook("http://127.0.0.1:" + closed + "/x", "a-long-shared-secret"), NOTICE, "n1"))
        .retryable());
  }

  @Test
  void eMailGoesOverSmtpWithAuthAndAWrongPasswordIsFinal() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try {
      mail.setUser("alerts@example.com", "alerts", "mail-pass-123");
      ChannelConfig.Email config = new ChannelConfig.Email("127.0.0.1", port, "none", "alerts", "mail-pass-123",
          "alerts@example.com", List.of("owner@example.com", "second@example.com"));
      new Senders(base()).send(config, NOTICE, "n1");
      assertTrue(mail.waitForIncomingEmail(5000, 2));
      MimeMessage m = mail.getReceivedMessages()[0];
      assertEquals("Support Bot: a customer needs a person", m.getSubject());
      assertTrue(com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains("http://panel/x"));
      DeliveryFailed wrong = assertThrows(DeliveryFailed.class, () -> new Senders(base()).send(
          new ChannelConfig.Email("127.0.0.1", port, "none", "alerts", "wrong-pass", "alerts@example.com",
              List.of("owner@example.com")), NOTICE, "n2"));
      assertTrue(wrong.getMessage().contains("password"), wrong.getMessage());
    } finally {
      mail.stop();
    }
  }
}
