package dev.wabots.funnel;

/**
 * One reason a {@link BusinessProfile} is refused.
 *
 * @param field the field in the profile's JSON names, e.g. {@code contact_email} or {@code
 *     prices.base}; {@code profile} when the problem is the combination with a funnel definition
 * @param message what is wrong, with the offending value
 */
public record ProfileProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
