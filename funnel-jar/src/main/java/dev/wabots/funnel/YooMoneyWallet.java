package dev.wabots.funnel;

/**
 * The form of a YooMoney (formerly Yandex.Money) wallet number, e.g. {@code 4100116075156746}: 11–20
 * digits {@code N X Y Z}, where {@code N} (1–9) is the length of the processing-centre code {@code
 * X}, {@code Y} the account within that centre and {@code Z} two check digits computed from {@code
 * X} and {@code Y} (the "account number redundancy" of the Yandex.Money protocol: digits weighted by
 * powers of 13 modulo 99, a zero digit counting as 10). A mistyped digit changes the check digits,
 * so a wallet number that passes is very likely one that exists.
 */
final class YooMoneyWallet {
  /** YooMoney's documented length range of a wallet number. */
  static final int MIN_LENGTH = 11;

  static final int MAX_LENGTH = 20;

  private static final int X_DIGITS = 10;
  private static final int Y_DIGITS = 20;

  private YooMoneyWallet() {}

  /** Why {@code number} is not a wallet number, or null when it is one. */
  static String problem(String number) {
    if (number == null || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "a YooMoney wallet number has digits only";
    }
    if (number.length() < MIN_LENGTH || number.length() > MAX_LENGTH) {
      return "a YooMoney wallet number has " + MIN_LENGTH + "-" + MAX_LENGTH + " digits, got " + number.length();
    }
    int n = number.charAt(0) - '0';
    String z = number.substring(number.length() - 2);
    if (n == 0 || number.length() < n + 4 || z.equals("00")) {
      return "not a YooMoney wallet number (its structure does not parse)";
    }
    String x = number.substring(1, 1 + n);
    String y = number.substring(1 + n, number.length() - 2);
    if (y.length() > Y_DIGITS || !checkDigits(x, y).equals(z)) {
      return "not a YooMoney wallet number (the check digits do not match; is a digit mistyped?)";
    }
    return null;
  }

  /** The two check digits for processing-centre code {@code x} and account {@code y}. */
  static String checkDigits(String x, String y) {
    int sum = 0;
    int weight = 13 * 13 % 99; // the weights start at 13^2 mod 99
    for (int i = 0; i < Y_DIGITS + X_DIGITS; i++) {
      int digit = i < Y_DIGITS ? digitFromRight(y, i) : digitFromRight(x, i - Y_DIGITS);
      sum += (digit == 0 ? 10 : digit) * weight;
      weight = weight * 13 % 99;
    }
    int check = sum % 99 + 1;
    return check < 10 ? "0" + check : Integer.toString(check);
  }

  private static int digitFromRight(String digits, int index) {
    return index < digits.length() ? digits.charAt(digits.length() - 1 - index) - '0' : 0;
  }
}
