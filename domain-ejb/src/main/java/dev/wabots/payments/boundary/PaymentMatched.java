package dev.wabots.payments.boundary;

/** A payment was tied to a customer's lead and the money is credited: the customer may be told. */
public record PaymentMatched(long paymentId) {}
