package dev.wabots.whatsapp;

import java.util.List;

/** Everything one webhook POST carried, in delivery order (entries, changes, then items). */
public record WebhookBatch(List<WebhookEvent> events) {
  /** Copies the list. */
  public WebhookBatch {
    events = List.copyOf(events);
  }

  /** The inbound user messages. */
  public List<InboundMessage> messages() {
    return events.stream()
        .filter(InboundMessage.class::isInstance)
        .map(InboundMessage.class::cast)
        .toList();
  }

  /** The delivery statuses. */
  public List<StatusUpdate> statuses() {
    return events.stream()
        .filter(StatusUpdate.class::isInstance)
        .map(StatusUpdate.class::cast)
        .toList();
  }
}
