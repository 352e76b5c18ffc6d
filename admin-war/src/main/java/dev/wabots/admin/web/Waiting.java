package dev.wabots.admin.web;

import dev.wabots.conversations.boundary.Conversations;
import dev.wabots.platform.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/** How many customers wait for a person, per bot and in all (read once per request). */
@Named
@RequestScoped
public class Waiting {

  @Inject Conversations conversations;

  private Map<String, Long> byBot;

  public Map<String, Long> getByBot() {
    if (byBot == null) {
      try {
        byBot = conversations.waitingByBot();
      } catch (DomainException e) {
        byBot = Map.of();
      }
    }
    return byBot;
  }

  /** Customers waiting for a person at the bot, 0 when none. */
  public long of(String bot) {
    return getByBot().getOrDefault(bot, 0L);
  }

  public long getTotal() {
    return getByBot().values().stream().mapToLong(Long::longValue).sum();
  }
}
