package dev.wabots.funnel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A preliminary quote for a custom project.
 *
 * @param items the base system and each selected integration
 * @param subtotal the sum of the items
 * @param multiplier the volume multiplier (1.0, 1.3, 1.5 …)
 * @param volumeExtra the "high volume" line when the multiplier is above 1: {@code
 *     int(subtotal × (m − 1))}
 * @param totalMin {@code int(subtotal × m)}
 * @param totalMax {@code int(totalMin × 1.25)}
 * @param timeline the delivery time in words
 */
public record Quote(
    List<QuoteLine> items,
    long subtotal,
    BigDecimal multiplier,
    Optional<QuoteLine> volumeExtra,
    long totalMin,
    long totalMax,
    String timeline) {

  /** Copies the list. */
  public Quote {
    items = List.copyOf(items);
  }
}
