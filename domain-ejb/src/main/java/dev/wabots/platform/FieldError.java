package dev.wabots.platform;

/** One rule broken by one input field: {@code field} is the JSON name, {@code message} says why. */
public record FieldError(String field, String message) {}
