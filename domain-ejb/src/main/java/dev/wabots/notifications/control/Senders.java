package dev.wabots.notifications.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers a notice through a channel: Telegram's Bot API, SMTP, or a signed webhook. Each call
 * is one attempt with a 10 s limit; what went wrong is classified, never echoed from the other end.
 */
public final class Senders {

  static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** The header carrying {@code sha256=<hex HMAC-SHA256 of the body>}. */
  public static final String SIGNATURE_HEADER = "X-Wabots-Signature";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String telegramBase;

  /** @param telegramBase {@code https://api.telegram.org}, or a stand-in for tests */
  public Senders(String telegramBase) {
    this.telegramBase = telegramBase.replaceAll("/+$", "");
  }

  /** Sends one notice. @param deliveryId identifies the delivery for receivers that deduplicate */
  public void send(ChannelConfig config, Notice notice, String deliveryId) throws DeliveryFailed {
    if (config instanceof ChannelConfig.Telegram t) {
      telegram(t, notice);
    } else if (config instanceof ChannelConfig.Email e) {
      email(e, notice);
    } else if (config instanceof ChannelConfig.Webhook w) {
      webhook(w, notice, deliveryId);
    }
  }

  private void telegram(ChannelConfig.Telegram t, Notice notice) throws DeliveryFailed {
    ObjectNode body = JSON.createObjectNode();
    body.put("chat_id", t.chatId());
    body.put("text", notice.text() + (notice.link() == null ? "" : "\n" + notice.link()));
    body.put("disable_web_page_preview", true);
    URI uri = URI.create(telegramBase + "/bot" + URLEncoder.encode(t.botToken(), StandardCharsets.UTF_8) + "/sendMessage");
    HttpResponse<String> r = post(uri, body.toString(), null);
    JsonNode answer;
    try {
      answer = JSON.readTree(r.body());
    } catch (JacksonException e) {
      throw new DeliveryFailed("Telegram answered HTTP " + r.statusCode() + " without JSON", r.statusCode() >= 500);
    }
    if (!answer.path("ok").asBoolean(false)) {
      int code = answer.path("error_code").asInt(r.statusCode());
      String description = answer.path("description").asText("");
      String why = switch (code) {
        case 401, 404 -> "Telegram refused the bot token (" + code + ")";
        case 400 -> "Telegram refused the message (400): " + shorten(description);
        case 403 -> "the Telegram bot may not write to this chat (403): " + shorten(description);
        case 429 -> "Telegram asks to slow down (429)";
        default -> "Telegram answered " + code;
      };
      throw new DeliveryFailed(why, code == 429 || code >= 500);
    }
  }

  private void webhook(ChannelConfig.Webhook w, Notice notice, String deliveryId) throws DeliveryFailed {
    ObjectNode body = JSON.createObjectNode();
    body.put("event", notice.event());
    body.put("delivery", deliveryId);
    body.put("bot", notice.bot());
    body.put("bot_name", notice.botName());
    body.put("at", notice.at().toString());
    body.put("title", notice.title());
    body.put("text", notice.text());
    body.put("link", notice.link());
    body.set("data", JSON.valueToTree(notice.data()));
    String json = body.toString();
    HttpResponse<String> r = post(URI.create(w.url()), json, signature(w.secret(), json));
    if (r.statusCode() / 100 != 2) {
      throw new DeliveryFailed("the webhook answered HTTP " + r.statusCode(),
          r.statusCode() >= 500 || r.statusCode() == 429 || r.statusCode() == 408);
    }
  }

  /** {@code sha256=<hex HMAC-SHA256 of body with secret>}. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private HttpResponse<String> post(URI uri, String json, String signature) throws DeliveryFailed {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "wabots-notifications")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header(SIGNATURE_HEADER, signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new DeliveryFailed("no answer within " + TIMEOUT.toSeconds() + " s", true);
    } catch (java.net.ConnectException e) {
      throw new DeliveryFailed("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), true);
    } catch (IOException e) {
      throw new DeliveryFailed("the connection failed: " + e.getClass().getSimpleName(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailed("interrupted", true);
    }
  }

  private static void email(ChannelConfig.Email e, Notice notice) throws DeliveryFailed {
    Properties p = new Properties();
    String timeout = Long.toString(TIMEOUT.toMillis());
    boolean ssl = "ssl".equals(e.security());
    String protocol = ssl ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", e.host());
    p.put("mail." + protocol + ".port", Integer.toString(e.port()));
    p.put("mail." + protocol + ".connectiontimeout", timeout);
    p.put("mail." + protocol + ".timeout", timeout);
    p.put("mail." + protocol + ".writetimeout", timeout);
    boolean auth = e.username() != null && !e.username().isBlank();
    p.put("mail." + protocol + ".auth", Boolean.toString(auth));
    if ("starttls".equals(e.security())) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    Session session = Session.getInstance(p);
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(e.from()));
      for (String to : e.to()) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      m.setSubject(notice.title(), "UTF-8");
      m.setText(notice.text() + (notice.link() == null ? "" : "\n\n" + notice.link()), "UTF-8");
      m.setSentDate(java.util.Date.from(notice.at()));
      try (Transport t = session.getTransport(protocol)) {
        t.connect(e.host(), e.port(), auth ? e.username() : null, auth ? e.password() : null);
        t.sendMessage(m, m.getAllRecipients());
      }
    } catch (jakarta.mail.AuthenticationFailedException ex) {
      throw new DeliveryFailed("the mail server refused the user name or password", false);
    } catch (jakarta.mail.internet.AddressException ex) {
      throw new DeliveryFailed("not an e-mail address: " + ex.getRef(), false);
    } catch (MessagingException ex) {
      String why = ex.getNextException() instanceof java.net.ConnectException
          ? "cannot connect to " + e.host() + ":" + e.port()
          : "the mail server refused the message: " + shorten(ex.getMessage());
      throw new DeliveryFailed(why, true);
    }
  }

  private static String shorten(String s) {
    String t = s == null ? "" : s.replaceAll("[\\p{Cntrl}]", " ");
    return t.length() > 160 ? t.substring(0, 160) + "…" : t;
  }
}
