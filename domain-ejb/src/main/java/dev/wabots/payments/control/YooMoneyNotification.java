package dev.wabots.payments.control;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YooMoney wallet's HTTP notification of an incoming payment ({@code
 * application/x-www-form-urlencoded}), as YooMoney documents it: {@code sha1_hash} is the SHA-1 hex
 * of {@code notification_type&operation_id&amount&currency&datetime&sender&codepro&secret&label},
 * the values exactly as sent and the wallet's notification secret in its place.
 *
 * @param amount what the wallet was credited (after the fee)
 * @param withdrawAmount what the payer paid (absent in old notifications)
 * @param label the payment's label (the funnel's {@code bot:phone}), empty when none
 * @param test a test notification from the wallet's settings page (no money moved)
 * @param unaccepted the payment is frozen until the recipient accepts it
 */
public record YooMoneyNotification(
    String notificationType,
    String operationId,
    String amount,
    String withdrawAmount,
    String currency,
    String datetime,
    String sender,
    String codepro,
    String label,
    String sha1Hash,
    boolean test,
    boolean unaccepted) {

  /** The fields the hash covers (besides the secret) and the hash itself. */
  static final List<String> REQUIRED =
      List.of("notification_type", "operation_id", "amount", "currency", "datetime", "sender", "codepro", "sha1_hash");

  /** The form's fields, each once (a field given twice is refused: which one would the hash mean?). */
  public static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return fields;
    }
    for (String pair : body.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (fields.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException(name + ": given more than once");
      }
    }
    return fields;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not URL-encoded form data: " + e.getMessage());
    }
  }

  /**
   * The notification in {@code fields}.
   *
   * @return the notification, or every problem as "field: why"
   */
  public static Parsed parse(Map<String, String> fields) {
    List<String> problems = new ArrayList<>();
    for (String name : REQUIRED) {
      if (!fields.containsKey(name)) {
        problems.add(name + ": missing");
      }
    }
    String amount = fields.get("amount");
    if (amount != null && money(amount).isEmpty()) {
      problems.add("amount: not a sum of money: " + amount);
    }
    String withdraw = blankToNull(fields.get("withdraw_amount"));
    if (withdraw != null && money(withdraw).isEmpty()) {
      problems.add("withdraw_amount: not a sum of money: " + withdraw);
    }
    String operation = fields.get("operation_id");
    if (operation != null && (operation.isBlank() || operation.length() > 100)) {
      problems.add("operation_id: blank or longer than 100 characters");
    }
    String hash = fields.get("sha1_hash");
    if (hash != null && !hash.matches("[0-9a-fA-F]{40}")) {
      problems.add("sha1_hash: not 40 hex digits");
    }
    String label = fields.getOrDefault("label", "");
    if (label.length() > 64) {
      problems.add("label: longer than YooMoney's 64 characters");
    }
    if (!problems.isEmpty()) {
      return new Parsed(null, problems);
    }
    return new Parsed(new YooMoneyNotification(fields.get("notification_type"), operation, amount, withdraw,
        fields.get("currency"), fields.get("datetime"), fields.get("sender"), fields.get("codepro"), label,
        hash.toLowerCase(java.util.Locale.ROOT), "true".equals(fields.get("test_notification")),
        "true".equals(fields.get("unaccepted"))), List.of());
  }

  /** A parse: the notification, or what is wrong with the form. */
  public record Parsed(YooMoneyNotification notification, List<String> problems) {}

  /** The hash YooMoney computes for these values and {@code secret}. */
  public String expectedHash(String secret) {
    String text = String.join("&", notificationType, operationId, amount, currency, datetime, sender, codepro, secret,
        label);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code secret} signed this notification (compared in constant time). */
  public boolean signedWith(String secret) {
    return secret != null && !secret.isEmpty() && MessageDigest.isEqual(
        expectedHash(secret).getBytes(StandardCharsets.US_ASCII), sha1Hash.getBytes(StandardCharsets.US_ASCII));
  }

  /** What the payer paid: {@code withdraw_amount}, else {@code amount}. */
  public BigDecimal paid() {
    return money(withdrawAmount != null ? withdrawAmount : amount).orElseThrow();
  }

  /** Whether the money is the wallet's to use: not frozen, no protection code. */
  public boolean credited() {
    return !unaccepted && !"true".equals(codepro);
  }

  /** The bot and phone the funnel's label {@code bot:phone} names, if it has that form. */
  public Optional<String[]> botAndPhone() {
    int colon = label.lastIndexOf(':');
    if (colon <= 0 || colon == label.length() - 1) {
      return Optional.empty();
    }
    String phone = label.substring(colon + 1);
    if (!phone.matches("[0-9]{5,20}")) {
      return Optional.empty();
    }
    return Optional.of(new String[] {label.substring(0, colon), phone});
  }

  static Optional<BigDecimal> money(String text) {
    if (text == null || !text.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
