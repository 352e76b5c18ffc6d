package dev.wabots.funnel;

/** One priced line of a {@link Quote}, in whole rubles. */
public record QuoteLine(String name, long price) {}
