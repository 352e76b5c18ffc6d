package dev.wabots.payments.boundary;

import java.time.Instant;

/**
 * A received payment as admins see it: what YooMoney reported, the lead it was tied to (or why
 * not), and whether the customer was told.
 */
public record PaymentView(
    long id,
    String operationId,
    Instant receivedAt,
    String label,
    String amount,
    String withdrawAmount,
    String sender,
    String bot,
    Long lead,
    boolean matched,
    String flag,
    Instant toldAt,
    String toldError) {}
