package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bot's own business profile in the funnel: texts, quote, payment link and the checks. */
class ProfileInFunnelTest {
  private static final String NBSP = "\u00a0";

  private static BusinessProfile shop() {
    return new BusinessProfile("Бот-Помощник", "+7 (495) 123-45-67", "hello@shop.example.org", "https://t.me/shop_manager",
        "ежедневно 9:00–21:00", "https://gitlab.example.org/team/helper.git", "https://docs.example.org/helper",
        "https://demo.example.org", "guest / guest", "4100116075156746", "s3cr3t",
        Map.of("turnkey_install", 7_500L, "base", 60_000L, "int_bitrix", 22_000L, "update", 2_500L));
  }

  @Test
  void theProfilesContactsProductAndLinksReplaceTheDefaults() {
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.load("ru"), shop()));
    chat.text("привет");
    assertTrue(chat.said().contains("ассистент *Бот-Помощник*"), chat.said());
    chat.tap("sales:contact");
    assertContains(chat.said(), "+7 (495) 123-45-67", "hello@shop.example.org", "https://t.me/shop_manager",
        "ежедневно 9:00–21:00");
    chat.tap("sales:github");
    assertContains(chat.said(), "git clone https://gitlab.example.org/team/helper.git", "cd helper\n",
        "https://docs.example.org/helper");
    chat.tap("sales:basic_demo");
    assertContains(chat.said(), "https://demo.example.org", "guest / guest");
    chat.tap("faq:price");
    assertContains(chat.said(), "7" + NBSP + "500" + NBSP + "₽", "2" + NBSP + "500" + NBSP + "₽", "от 60" + NBSP + "000");
  }

  @Test
  void theQuoteAndThePaymentLinkTakeTheProfilesPricesAndWallet() {
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.load("ru"), shop()));
    chat.tap("sales:basic_pay");
    assertContains(chat.said(), "receiver=4100116075156746", "&sum=7500&", "targets=%D0%91%D0%BE%D1%82",
        "Оплата — 7" + NBSP + "500" + NBSP + "₽");
    assertEquals(7_500L, chat.last.events().get(0).data().get("amount"));
    chat.tap("sales:custom_start");
    chat.text("Магазин");
    chat.tap("sales:cv_vol_high");
    chat.tap("sales:ci_int_bitrix");
    chat.tap("sales:ci_done");
    chat.tap("sales:ct_time_urgent");
    chat.tap("sales:cb_budget_100");
    // (60 000 + 22 000) × 1.3 = 106 600; × 1.25 = 133 250
    assertContains(chat.said(), "Базовая система — 60" + NBSP + "000", "Интеграция: Bitrix24 — 22" + NBSP + "000",
        "от 106" + NBSP + "600" + NBSP + "₽ до 133" + NBSP + "250" + NBSP + "₽");
    assertEquals(106_600L, chat.last.events().get(0).data().get("total_min"));
    Quote quote = QuoteCalculator.of(FunnelDefinition.load("ru").withProfile(shop()))
        .calculate("vol_low", List.of("int_bitrix"), null);
    assertEquals(82_000L, quote.totalMin());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void everyPlaceholderIsFilledOnEveryPathWithAProfileOfItsOwn(String language) {
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load(language), shop());
    assertEquals(List.of(), engine.definition().validate());
    DefaultDefinitionsTest.Walk walk = DefaultDefinitionsTest.walk(engine, message -> {
      String json = message.to(Chat.PHONE).toJson();
      assertFalse(json.matches("(?s).*\\{[a-z_]+\\}.*"), "unfilled placeholder: " + json);
      assertFalse(json.contains("example.com") || json.contains("ShaerWare") || json.contains("800 000"),
          "a default leaked past the profile: " + json);
    });
    int messages = walk.messages();
    assertTrue(messages > 200, "walked " + messages + " messages");
  }

  @Test
  void theFacadeSendsTheProfilesWelcomeAndMenu() {
    try (InMemoryFunnelStore store = new InMemoryFunnelStore()) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru"), shop()), store, Chat.BOT,
          java.time.Clock.systemUTC());
      String welcome = Chat.text(funnel.welcome(new PhoneNumber("79001112233"), "Олег").message());
      assertTrue(welcome.startsWith("Здравствуйте, Олег! Я — ассистент *Бот-Помощник*"), welcome);
    }
  }

  @Test
  void profileProblemsNameBadFieldsUnknownPricesAndMessagesTheProfileWouldBreak() {
    FunnelDefinition definition = FunnelDefinition.load("ru");
    assertEquals(List.of(), definition.profileProblems(shop()));
    BusinessProfile typo = new BusinessProfile(null, null, "not-an-email", null, null, null, null, null, null, null, null,
        Map.of("instal", 5_000L));
    List<ProfileProblem> problems = definition.profileProblems(typo);
    assertEquals(List.of("contact_email", "prices.instal"), problems.stream().map(ProfileProblem::field).toList());
    assertTrue(problems.get(1).message().contains("turnkey_install"), "names the prices it quotes: " + problems.get(1));

    BusinessProfile huge = new BusinessProfile(null, null, null, null, null, null, null, null, null, null, null,
        Map.of("turnkey_install", 1_234_567L));
    List<ProfileProblem> tooLong = definition.profileProblems(huge);
    assertTrue(tooLong.stream().anyMatch(p -> p.field().equals("profile") && p.message().contains("screens.diy_gpu_audit")
        && p.message().contains("20")), tooLong.toString());
    InvalidDefinitionException refused =
        assertThrows(InvalidDefinitionException.class, () -> new FunnelEngine(definition, huge));
    assertTrue(refused.getMessage().contains("WHATSAPP_LIMIT"), refused.getMessage());
  }

  @Test
  void theDefinitionsOwnProblemsAreNotBlamedOnTheProfile() {
    String json = FunnelDefinition.defaultJson("ru").replace("\"sales:start_quiz\"", "\"sales:nowhere\"");
    FunnelDefinition broken = FunnelDefinition.read(json);
    assertFalse(broken.validate().isEmpty());
    assertEquals(List.of(), broken.profileProblems(shop()));
  }

  @Test
  void placeholdersOfAScreenComeWithTheirValues() {
    FunnelDefinition definition = FunnelDefinition.load("ru").withProfile(shop());
    List<Placeholder> contact = definition.placeholders("contact");
    assertEquals(List.of(
        new Placeholder("contact_phone", "+7 (495) 123-45-67", false),
        new Placeholder("contact_email", "hello@shop.example.org", false),
        new Placeholder("contact_messenger", "https://t.me/shop_manager", false),
        new Placeholder("working_hours", "ежедневно 9:00–21:00", false)), contact);
    List<Placeholder> pay = definition.placeholders("basic_pay");
    assertEquals(List.of("turnkey_install_price", "payment_link", "contact_messenger", "working_hours"),
        pay.stream().map(Placeholder::name).toList());
    assertTrue(pay.get(1).example() && pay.get(1).value().contains("receiver=4100116075156746"), pay.toString());
    assertEquals(new Placeholder("turnkey_install_price_short", "7" + NBSP + "500" + NBSP + "₽", false),
        definition.placeholders("basic_value").stream().filter(p -> p.name().equals("turnkey_install_price_short"))
            .findFirst().orElseThrow(), "7 500 is not whole thousands: the short form is the full one");
    assertTrue(definition.placeholders("welcome").contains(new Placeholder("greeting", "Здравствуйте!", true)));
    assertEquals("Бот-Помощник", definition.placeholderValues().get("product_name"));
    assertEquals("helper", definition.placeholderValues().get("repository_dir"));
    assertThrows(IllegalArgumentException.class, () -> definition.placeholders("no_such_screen"));
  }

  @Test
  void thePriceLabelsAreDeclaredByTheDefinition() {
    Map<String, String> labels = FunnelDefinition.load("ru").priceLabels();
    assertEquals(BusinessProfileTest.SEED_PRICES.keySet(), labels.keySet());
    assertEquals("Установка под ключ", labels.get("turnkey_install"));
    assertEquals(BusinessProfileTest.SEED_PRICES, FunnelDefinition.load("en").prices());
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "missing '" + part + "' in:\n" + text);
    }
  }
}
