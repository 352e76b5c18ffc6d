package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessProfileTest {
  /** The seed's prices (FUNNEL-FACTS.md §1, §2.5, §6.3). */
  static final Map<String, Long> SEED_PRICES = seedPrices();

  static BusinessProfile own() {
    return new BusinessProfile("Бот-Помощник", "+7 (495) 123-45-67", "hello@shop.example.org", "https://t.me/shop_manager",
        "ежедневно 9:00–21:00", "https://gitlab.example.org/team/helper.git", "https://docs.example.org/helper",
        "https://demo.example.org", "guest / guest", "4100116075156746", "s3cr3t-notification", Map.of());
  }

  @ParameterizedTest
  @CsvSource({"ru,AI-секретарь", "en,AI Secretary"})
  void defaultsAreTheSeedsFiguresWithPlaceholderContactsAndWallet(String language, String product) {
    BusinessProfile defaults = BusinessProfile.defaults(language);
    assertEquals(product, defaults.productName());
    assertEquals("https://github.com/ShaerWare/AI_Secretary_System", defaults.repositoryUrl());
    assertEquals("https://github.com/ShaerWare/AI_Secretary_System/wiki", defaults.docsUrl());
    assertEquals("https://demo.shaerware.digital/admin", defaults.demoUrl());
    assertEquals("demo / demo2024", defaults.demoLogin());
    assertEquals(SEED_PRICES, defaults.prices());
    assertEquals(BusinessProfile.PLACEHOLDER_PHONE, defaults.contactPhone());
    assertEquals(BusinessProfile.PLACEHOLDER_EMAIL, defaults.contactEmail());
    assertEquals(BusinessProfile.PLACEHOLDER_MESSENGER, defaults.contactMessenger());
    assertEquals(BusinessProfile.PLACEHOLDER_WALLET, defaults.yoomoneyReceiver());
    assertFalse(defaults.hasSecret());
    assertEquals(List.of(), defaults.problems(), "the defaults are well-formed");
    assertEquals(List.of("contact_phone", "contact_email", "contact_messenger", "yoomoney_receiver", "yoomoney_secret"),
        defaults.placeholders());
  }

  @Test
  void aProfileOfItsOwnHasNoPlaceholdersAndNoProblems() {
    assertEquals(List.of(), own().problems());
    assertEquals(List.of(), own().placeholders());
  }

  @Test
  void placeholdersNameEachFieldStillShipped() {
    BusinessProfile halfway = new BusinessProfile(null, "+7 999 111-22-33", null, null, null, null, null, null, null,
        "4100116075156746", null, null).over(BusinessProfile.defaults("ru"));
    assertEquals(List.of("contact_email", "contact_messenger", "yoomoney_secret"), halfway.placeholders());
  }

  @Test
  void theShippedWalletFailsYooMoneysCheckDigitsSoItCannotBePaid() {
    assertTrue(YooMoneyWallet.problem(BusinessProfile.PLACEHOLDER_WALLET) != null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4100116075156746", "4100175017397", "410011161616877"})
  void realWalletNumbersPass(String wallet) {
    assertNull(YooMoneyWallet.problem(wallet), wallet);
  }

  @Test
  void everySingleMistypedDigitIsCaught() {
    String wallet = "4100116075156746";
    for (int i = 1; i < wallet.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != wallet.charAt(i)) {
          String typo = wallet.substring(0, i) + d + wallet.substring(i + 1);
          assertTrue(YooMoneyWallet.problem(typo) != null, "accepted a typo: " + typo);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "4100 1160 7515 6746, digits only",
    "4100116, 11-20 digits",
    "410011607515674612345, 11-20 digits",
    "4100116075156700, does not parse",
    "4100116075156747, check digits"
  })
  void malformedWalletsAreRefusedWithTheReason(String wallet, String reason) {
    List<ProfileProblem> problems = with("yoomoney_receiver", wallet).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("yoomoney_receiver", problems.get(0).field());
    assertTrue(problems.get(0).message().contains(reason), problems.get(0).message());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "contact_email|sales@|not an e-mail",
    "contact_email|sales example.com|not an e-mail",
    "contact_email|sales@localhost|not an e-mail",
    "contact_phone|call me|5-15 digits",
    "contact_phone|+7 12|5-15 digits",
    "contact_messenger|t.me/manager|http(s) URL",
    "contact_messenger|ftp://t.me/manager|http(s) URL",
    "repository_url|github.com/me/repo|http(s) URL",
    "docs_url|https://docs example.org|http(s) URL",
    "demo_url|https://|http(s) URL",
    "product_name|Очень длинное название продукта, длиннее сорока букв|at most 40",
    "working_hours|' 9-18'|one line",
    "demo_login|''|missing"
  })
  void malformedFieldsAreRefusedByName(String field, String value, String reason) {
    List<ProfileProblem> problems = with(field, value).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(field, problems.get(0).field());
    assertTrue(problems.get(0).message().contains(reason), problems.get(0).message());
  }

  @Test
  void pricesMustBePositiveAndSane() {
    Map<String, Long> prices = new LinkedHashMap<>();
    prices.put("base", 0L);
    prices.put("update", -2000L);
    prices.put("turnkey_install", 5000L);
    prices.put("vps_month", 1_000_000_000L);
    prices.put("Bad-Name", 10L);
    BusinessProfile profile = new BusinessProfile(null, null, null, null, null, null, null, null, null, null, null, prices)
        .over(own());
    List<String> fields = profile.problems().stream().map(ProfileProblem::field).toList();
    assertEquals(List.of("prices.base", "prices.update", "prices.vps_month", "prices.Bad-Name"), fields);
    assertTrue(profile.problems().get(0).message().contains("positive"));
  }

  @Test
  void everyBadFieldIsListedAtOnce() {
    BusinessProfile broken = new BusinessProfile("", "x", "y", "z", null, "a", "b", "c", "", "1", " padded", Map.of("base", 0L));
    List<String> fields = broken.problems().stream().map(ProfileProblem::field).toList();
    assertEquals(List.of("product_name", "contact_phone", "contact_email", "contact_messenger", "working_hours",
        "repository_url", "docs_url", "demo_url", "demo_login", "yoomoney_receiver", "yoomoney_secret", "prices.base"),
        fields);
  }

  @Test
  void jsonUsesTheApisSnakeCaseNamesAndRoundTrips() throws Exception {
    BusinessProfile profile = own().over(BusinessProfile.defaults("ru"));
    JsonNode json = new ObjectMapper().readTree(profile.toJson());
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(BusinessProfile.FIELDS, names);
    assertEquals(5000, json.at("/prices/turnkey_install").asLong());
    assertEquals(profile, BusinessProfile.fromJson(profile.toJson()));
  }

  @Test
  void absentFieldsAreNotGivenAndKeepTheOthersWhenLaidOver() {
    BusinessProfile patch = BusinessProfile.fromJson("{\"contact_email\":\"new@shop.example.org\",\"prices\":{\"update\":3000}}");
    assertNull(patch.productName());
    BusinessProfile updated = patch.over(own().over(BusinessProfile.defaults("ru")));
    assertEquals("new@shop.example.org", updated.contactEmail());
    assertEquals("Бот-Помощник", updated.productName(), "absent fields kept");
    assertEquals(3000L, updated.prices().get("update"));
    assertEquals(5000L, updated.prices().get("turnkey_install"), "other prices kept");
    assertEquals("s3cr3t-notification", updated.yoomoneySecret(), "an absent secret keeps the stored one");
  }

  @Test
  void unknownFieldsAndNonObjectsAreRefusedNamingTheField() {
    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> BusinessProfile.fromJson("{\"contact_mail\":\"a@b.cd\"}"));
    assertTrue(typo.getMessage().contains("contact_mail"), typo.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BusinessProfile.fromJson("[1]"));
    assertThrows(IllegalArgumentException.class, () -> BusinessProfile.fromJson("null"));
    assertThrows(IllegalArgumentException.class, () -> BusinessProfile.fromJson("{\"prices\":{\"base\":\"cheap\"}}"));
  }

  @Test
  void theSecretIsNeverPrintedAndCanBeLeftOut() {
    BusinessProfile profile = own();
    assertFalse(profile.toString().contains("s3cr3t"), profile.toString());
    assertTrue(profile.toString().contains("yoomoney_secret=(set)"));
    assertNull(profile.withoutSecret().yoomoneySecret());
    assertFalse(profile.withoutSecret().toJson().contains("yoomoney_secret"));
    assertTrue(profile.toJson().contains("s3cr3t-notification"), "storage keeps it");
  }

  private static BusinessProfile with(String field, String value) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(field, value);
    try {
      return BusinessProfile.fromJson(new ObjectMapper().writeValueAsString(fields)).over(own());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Long> seedPrices() {
    Map<String, Long> prices = new LinkedHashMap<>();
    prices.put("base", 50_000L);
    prices.put("int_bitrix", 20_000L);
    prices.put("int_amo", 20_000L);
    prices.put("int_1c", 25_000L);
    prices.put("int_phone", 30_000L);
    prices.put("int_custom", 15_000L);
    prices.put("turnkey_install", 5_000L);
    prices.put("update", 2_000L);
    prices.put("consultation", 15_000L);
    prices.put("vps_month", 3_000L);
    prices.put("used_gpu", 25_000L);
    prices.put("saas_month", 15_000L);
    prices.put("running_month", 500L);
    prices.put("sprint", 50_000L);
    return prices;
  }
}
