package dev.wabots.funnel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The placeholder values every screen can use, from the business profile and the definition's
 * prices: the profile's fields by their JSON names ({@code {product_name}}, {@code {contact_phone}}
 * …), {@code {repository_dir}} (the repository's folder after {@code git clone}), each price as
 * {@code {<name>_price}} ("5 000 ₽") and {@code {<name>_price_short}} ("5К ₽"), the savings
 * comparison of the Basic path and the price list of the custom path.
 *
 * <p>Savings (FUNNEL-FACTS §1.3), over {@code savings.months} months: a SaaS bot costs {@code
 * saas_month × months} ({@code {saas_total}}); the product costs {@code turnkey_install +
 * running_month × months} ({@code {own_total}}); {@code {saving_total}} is the difference; {@code
 * {payback_days}} is {@code turnkey_install ÷ (saas_month ÷ 30)} rounded up; {@code {roi_percent}}
 * is {@code saving ÷ own × 100} rounded down to the hundred (the seed shows 2 200 % for 2 247.8 %).
 * {@code {gpu_payback_months}}: a used GPU against renting a GPU server, {@code used_gpu ÷
 * vps_month} rounded to whole months (25 000 ÷ 3 000 → 8).
 */
final class Figures {
  static final String SAAS_MONTH = "saas_month";
  static final String RUNNING_MONTH = "running_month";
  static final String INSTALL = "turnkey_install";
  static final String USED_GPU = "used_gpu";
  static final String VPS_MONTH = "vps_month";

  private Figures() {}

  /** Effective prices: the profile's amount for each price the definition declares, else the default. */
  static Map<String, Long> prices(DefinitionData data, BusinessProfile profile) {
    Map<String, Long> prices = new LinkedHashMap<>();
    data.prices().forEach((name, price) -> {
      Long amount = profile == null ? null : profile.price(name).orElse(null);
      if (amount == null && price != null) {
        amount = price.amount();
      }
      if (amount != null) {
        prices.put(name, amount);
      }
    });
    return prices;
  }

  /** Every global placeholder value; a value that cannot be computed is left out. */
  static Map<String, String> values(DefinitionData data, BusinessProfile profile, Money money) {
    Map<String, String> values = new LinkedHashMap<>();
    if (profile != null) {
      values.put("product_name", profile.productName());
      values.put("contact_phone", profile.contactPhone());
      values.put("contact_email", profile.contactEmail());
      values.put("contact_messenger", profile.contactMessenger());
      values.put("working_hours", profile.workingHours());
      values.put("repository_url", profile.repositoryUrl());
      values.put("repository_dir", folder(profile.repositoryUrl()));
      values.put("docs_url", profile.docsUrl());
      values.put("demo_url", profile.demoUrl());
      values.put("demo_login", profile.demoLogin());
    }
    Map<String, Long> prices = prices(data, profile);
    prices.forEach((name, amount) -> {
      values.put(name + "_price", money.format(amount));
      values.put(name + "_price_short", money.shortFormat(amount));
    });
    savings(data, prices, money, values);
    Long used = prices.get(USED_GPU);
    Long vps = prices.get(VPS_MONTH);
    if (used != null && vps != null && vps > 0) {
      values.put("gpu_payback_months", Long.toString(Math.round((double) used / vps)));
    }
    values.values().removeIf(Objects::isNull);
    return values;
  }

  private static void savings(DefinitionData data, Map<String, Long> prices, Money money, Map<String, String> values) {
    Long saas = prices.get(SAAS_MONTH);
    Long running = prices.get(RUNNING_MONTH);
    Long install = prices.get(INSTALL);
    Integer months = data.savings() == null ? null : data.savings().months();
    if (saas == null || running == null || install == null || months == null || months <= 0 || saas <= 0) {
      return;
    }
    long saasTotal = saas * months;
    long ownTotal = install + running * months;
    long saving = saasTotal - ownTotal;
    values.put("horizon_months", Integer.toString(months));
    values.put("saas_total", money.format(saasTotal));
    values.put("own_total", money.format(ownTotal));
    values.put("saving_total", money.format(saving));
    values.put("payback_days", Long.toString(Math.floorDiv(install * 30 + saas - 1, saas)));
    if (ownTotal > 0) {
      long percent = Math.floorDiv(saving * 100, ownTotal);
      values.put("roi_percent", money.number(Math.floorDiv(percent, 100) * 100));
    }
  }

  /** The last path segment of a repository URL without {@code .git}: the folder {@code git clone} makes. */
  static String folder(String url) {
    if (url == null) {
      return null;
    }
    try {
      String path = new URI(url).getPath();
      if (path == null) {
        return null;
      }
      String[] parts = path.split("/");
      for (int i = parts.length - 1; i >= 0; i--) {
        if (!parts[i].isBlank()) {
          return parts[i].endsWith(".git") ? parts[i].substring(0, parts[i].length() - 4) : parts[i];
        }
      }
      return null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
