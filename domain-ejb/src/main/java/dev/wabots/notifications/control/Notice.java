package dev.wabots.notifications.control;

import java.time.Instant;
import java.util.Map;

/**
 * Something a bot's owner should hear of.
 *
 * @param event {@code needs_person}, {@code token_refused}, {@code crash_loop}, {@code ai_failing},
 *     {@code test} …
 * @param title one line (the e-mail's subject)
 * @param text a few lines for people (Telegram, e-mail)
 * @param link where to act in the panel, or null
 * @param data the facts for machines (the webhook's JSON)
 */
public record Notice(String event, String bot, String botName, Instant at, String title, String text, String link,
    Map<String, Object> data) {

  public Notice {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
