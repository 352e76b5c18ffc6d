package dev.wabots.funnel;

/**
 * Formats whole rubles with the definition's thousands separator and currency symbol: "50 000 ₽";
 * the short form, for button titles, counts thousands: "5К ₽" (only for whole thousands).
 */
record Money(String separator, String symbol, String thousandsSuffix) {

  String format(long amount) {
    return number(amount) + "\u00a0" + symbol;
  }

  /** "4 975 ₽" for whole rubles, "4 975,50 ₽" with kopecks (a payment as received). */
  String exact(java.math.BigDecimal amount) {
    java.math.BigDecimal rounded = amount.setScale(2, java.math.RoundingMode.HALF_UP);
    long rubles = rounded.longValue();
    int kopecks = rounded.subtract(java.math.BigDecimal.valueOf(rubles)).movePointRight(2).abs().intValue();
    return kopecks == 0 ? format(rubles) : number(rubles) + "," + String.format("%02d", kopecks) + "\u00a0" + symbol;
  }

  /** "5К ₽" for whole thousands, otherwise the same as {@link #format}. */
  String shortFormat(long amount) {
    if (thousandsSuffix == null || amount < 1000 || amount % 1000 != 0) {
      return format(amount);
    }
    return number(amount / 1000) + thousandsSuffix + "\u00a0" + symbol;
  }

  /** The number with thousands separators, without the symbol. */
  String number(long amount) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(separator);
      }
      grouped.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + grouped;
  }
}
