package dev.wabots.funnel;

/** Formats whole rubles with the definition's thousands separator and currency symbol. */
record Money(String separator, String symbol) {

  String format(long amount) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(separator);
      }
      grouped.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + grouped + "\u00a0" + symbol;
  }
}
