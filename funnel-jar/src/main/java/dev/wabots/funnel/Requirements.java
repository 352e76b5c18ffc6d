package dev.wabots.funnel;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answers of the requirements ("ТЗ") questionnaire, stored like the custom discovery: by the
 * step's key in the order given ({@code type=chatbot}, {@code description=<text>}, {@code
 * goal=sales} …; a tap stores the option's value, a text step the text).
 *
 * @param answers the answers so far, in step order
 * @param completed whether the last step was answered and the draft requested
 */
public record Requirements(Map<String, String> answers, boolean completed, Instant createdAt, Instant updatedAt) {

  /** Copies the answers, keeping their order; rejects missing parts. */
  public Requirements {
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** An empty questionnaire started at {@code now}. */
  public static Requirements start(Instant now) {
    return new Requirements(Map.of(), false, now, now);
  }

  Requirements with(String key, String value, Instant now) {
    Map<String, String> next = new LinkedHashMap<>(answers);
    next.put(key, value);
    return new Requirements(next, completed, createdAt, now);
  }

  Requirements completed(Instant now) {
    return new Requirements(answers, true, createdAt, now);
  }
}
