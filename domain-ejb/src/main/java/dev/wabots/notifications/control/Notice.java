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
    if (data == null) {
      data = Map.of();
    } else {
      java.util.Map<String, Object> present = new java.util.LinkedHashMap<>(data);
      present.values().removeIf(java.util.Objects::isNull); // "not known" is left out, not null
      data = java.util.Collections.unmodifiableMap(present);
    }
  }
}
