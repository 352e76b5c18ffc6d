package dev.wabots.funnel;

/**
 * A {@code {placeholder}} of a screen and the value it is filled with.
 *
 * @param name the name between the braces, e.g. {@code contact_phone}
 * @param value the value: from the business profile, the prices or the definition; null when
 *     nothing fills it (the definition is then invalid)
 * @param example whether the value depends on the conversation (the customer's name, the picked
 *     GPU, the payment link …) and {@code value} only shows an example
 */
public record Placeholder(String name, String value, boolean example) {}
