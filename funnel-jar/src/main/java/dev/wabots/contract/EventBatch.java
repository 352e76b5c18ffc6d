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

  /**
   * A {@link BotEvent} as the bot keeps it until delivered: its body already JSON, as {@link
   * ContractJson#write} wrote it ({@link ContractJson#eventBatch} puts it in a batch as it is).
   */
  public record Stored(long seq, java.time.Instant at, String phone, String body) {}
}
