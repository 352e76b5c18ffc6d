package dev.wabots.leads.boundary;

import java.time.Instant;

/**
 * Something happened to a lead that its owner may want to hear of: {@code new_lead}, {@code
 * quote_sent}, {@code checkout}, {@code paid} (fired in the storing transaction: observe after
 * success).
 */
public record LeadEvent(String kind, String bot, long leadId, String phone, String name, String detail, Instant at) {}
