package dev.wabots.leads.boundary;

import java.time.Instant;
import java.util.List;

/**
 * Something happened to a lead that its owner may want to hear of: {@code new_lead}, {@code
 * quote_sent}, {@code checkout}, {@code paid} (fired in the storing transaction: observe after
 * success).
 */
public record LeadEvent(String kind, String bot, long leadId, String phone, String name, String detail, Instant at) {

  /**
   * The lead events of one stored batch of a bot's conversation events, fired once for the batch:
   * a busy bot's batch holds hundreds of new leads, and an observer call (a transaction of its own)
   * per lead was most of the time the batch held the event queue.
   */
  public record Batch(String bot, List<LeadEvent> events) {}
}
