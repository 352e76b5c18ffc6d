package dev.wabots.contract;

import java.util.List;

/**
 * {@code POST /internal/events} (bot token): the next events of a bot, in order.
 *
 * @param stream identifies the bot's database the numbers come from (a new database starts again
 *     at 1 under a new stream)
 */
public record EventBatch(String bot, String stream, List<BotEvent> events) {
  public EventBatch {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
