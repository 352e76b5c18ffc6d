package dev.wabots.funnel;

import dev.wabots.whatsapp.PhoneNumber;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The YooMoney quickpay link for the Basic package; the label ties the payment to bot and user. */
record PaymentLink(String label, String url) {
  /** YooMoney's limit for a payment label. */
  static final int MAX_LABEL = 64;

  static PaymentLink of(DefinitionData.Payment payment, BotInstanceId bot, PhoneNumber phone) {
    String label =
        Placeholders.fill(payment.labelFormat(), Map.of("instance", bot.value(), "phone", phone.digits()));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("receiver", payment.receiver());
    query.put("quickpay-form", payment.quickpayForm());
    query.put("targets", payment.targets());
    query.put("paymentType", payment.paymentType());
    query.put("sum", Long.toString(payment.basicAmount()));
    query.put("label", label);
    String url =
        payment.baseUrl()
            + "?"
            + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    return new PaymentLink(label, url);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
