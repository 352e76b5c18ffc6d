package dev.wabots.notifications.control;

import java.util.List;

/** A channel's settings, secrets in the clear (only while delivering or validating). */
public sealed interface ChannelConfig {

  /**
   * The Telegram Bot API's {@code sendMessage}.
   *
   * @param chatId a chat id ({@code -100…}, digits) or a channel's {@code @name}
   */
  record Telegram(String botToken, String chatId) implements ChannelConfig {}

  /**
   * SMTP.
   *
   * @param security {@code starttls}, {@code ssl} or {@code none}
   */
  record Email(String host, int port, String security, String username, String password, String from,
      List<String> to) implements ChannelConfig {
    public Email {
      to = to == null ? List.of() : List.copyOf(to);
    }
  }

  /** A URL that receives each notice as JSON, signed with HMAC-SHA256 of the body with {@code secret}. */
  record Webhook(String url, String secret) implements ChannelConfig {}
}
