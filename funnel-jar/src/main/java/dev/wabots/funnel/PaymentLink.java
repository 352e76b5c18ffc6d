package dev.wabots.funnel;

import dev.wabots.whatsapp.PhoneNumber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The YooMoney quickpay link for the turnkey install: the profile's wallet and price, the label ties
 * the payment to bot and user.
 */
record PaymentLink(String label, String url, long amount) {
  /** YooMoney's limit for a payment label. */
  static final int MAX_LABEL = 64;

  /**
   * @param receiver the profile's wallet
   * @param amount the price to pay
   * @param product the profile's product name (for the targets text)
   */
  static PaymentLink of(
      DefinitionData.Payment payment, String receiver, long amount, String product, BotInstanceId bot, PhoneNumber phone) {
    String label =
        Placeholders.fill(payment.labelFormat(), Map.of("instance", bot.value(), "phone", phone.digits()));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("receiver", receiver);
    query.put("quickpay-form", payment.quickpayForm());
    query.put("targets", Placeholders.fill(payment.targets(), Map.of("product_name", String.valueOf(product))));
    query.put("paymentType", payment.paymentType());
    query.put("sum", Long.toString(amount));
    query.put("label", label);
    String url =
        payment.baseUrl()
            + "?"
            + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    return new PaymentLink(label, url, amount);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
