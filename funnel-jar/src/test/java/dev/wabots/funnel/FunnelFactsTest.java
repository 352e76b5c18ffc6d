package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.ListMessage;
import dev.wabots.whatsapp.ListRow;
import dev.wabots.whatsapp.ListSection;
import dev.wabots.whatsapp.OutboundMessage;
import dev.wabots.whatsapp.ReplyButton;
import dev.wabots.whatsapp.ReplyButtonsMessage;
import dev.wabots.whatsapp.TextMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facts of {@code FUNNEL-FACTS.md}, family by family, in the shipped definitions: figures in
 * the texts, option lists, where each path leads and the event names. Russian texts are checked
 * word for word where the figure is in words; both languages where the figure is a number.
 */
class FunnelFactsTest {
  private static final String NBSP = "\u00a0";

  // §1.1 Entry screens

  @Test
  void welcomeAnchorsOnTheSaasPriceAndTheAiTeamForElectricityOnly() {
    String welcome = said("ru", "привет");
    assertContains(welcome, "от 15" + NBSP + "000" + NBSP + "₽ в месяц", "секретарь, переводчик и менеджер",
        "500" + NBSP + "₽ в месяц", "24/7", "2 минуты");
    assertContains(said("en", "hi"), "from 15,000" + NBSP + "₽ a month", "500" + NBSP + "₽ a month", "24/7", "2 minutes");
  }

  @Test
  void whatIsNamesFourBlocksTenRolesAHundredLanguagesAndTheMitLicence() {
    Chat chat = new Chat("ru");
    chat.tap("sales:what_is");
    String text = chat.said();
    assertContains(text, "4 блока", "*LLM*", "*TTS*", "*STT*", "*RAG*", "10 ролей", "100+ языков", "24/7",
        "500" + NBSP + "₽ в месяц, и это только электричество", "MIT", "бесплатно");
    String roles = text.substring(text.indexOf("10 ролей:"), text.indexOf(". Работает"));
    assertEquals(10, roles.split(",").length, roles);
    assertEquals(List.of("sales:start_quiz", "sales:github", "sales:back_welcome"), chat.offered());
  }

  @Test
  void contactPromisesAReplyWithinAFewHours() {
    Chat chat = new Chat("ru");
    chat.tap("sales:contact");
    assertContains(chat.said(), "в течение нескольких часов", "+7 800 000-00-00", "https://t.me/example_manager");
    assertEquals(List.of("nav:welcome"), chat.offered());
  }

  // §1.2 DIY path

  @ParameterizedTest(name = "{0}: {1} · {2}, {3}, {4} stars, {5}")
  @CsvSource(delimiter = '|', value = {
    "gtx_16xx|GTX 1660/1070/1080|6–8 ГБ VRAM|Qwen2.5-3B|2|~3 с на ответ|RTX 3060 12 ГБ можно запустить Qwen2.5-7B",
    "rtx_30xx_low|RTX 3060/3070|8–12 ГБ VRAM|Qwen2.5-7B|3|~2 с на ответ|RTX 3090 можно запустить Qwen2.5-14B",
    "rtx_30xx_high|RTX 3080/3090|10–24 ГБ VRAM|Qwen2.5-14B|4|~1,5 с на ответ|С RTX 4090 будет ещё быстрее",
    "rtx_40xx|RTX 4080/4090|16–24 ГБ VRAM|Qwen2.5-32B|5|~1 с на ответ|Топовая конфигурация"
  })
  void everyGpuTierRowAndAuditCarriesItsFigures(
      String key, String title, String vram, String llm, int stars, String speed, String hint) {
    Chat chat = new Chat("ru");
    chat.tap("sales:diy_gpu_list");
    ListRow row = rows(chat.last.messages().get(0)).stream()
        .filter(r -> r.id().value().equals("sales:gpu_" + key)).findFirst().orElseThrow();
    assertEquals(title, row.title());
    assertEquals(vram, row.description());
    assertEquals("Выбрать GPU", ((ListMessage) chat.last.messages().get(0)).buttonText());
    chat.tap("sales:gpu_" + key);
    String audit = chat.said();
    assertContains(audit, "*" + title + " (" + vram + ")*", "*" + llm + "*", speed, hint,
        "XTTS v2 (клонирование голоса)", "Whisper Medium", "30 минут", "5" + NBSP + "000" + NBSP + "₽");
    assertTrue(audit.contains("Качество: " + "⭐".repeat(stars) + "\n"), "quality as " + stars + " × ⭐: " + audit);
    assertEquals(List.of("sales:diy_github", "sales:diy_install_5k", "sales:contact"), chat.offered());
    assertEquals("⚡ Установить 5К" + NBSP + "₽", title(chat.last, "sales:diy_install_5k"), "the install title carries the price");
  }

  @Test
  void theGpuListHasFiveRowsEndingWithOther() {
    Chat chat = new Chat("en");
    chat.tap("sales:diy_gpu_list");
    assertEquals(List.of("sales:gpu_gtx_16xx", "sales:gpu_rtx_30xx_low", "sales:gpu_rtx_30xx_high", "sales:gpu_rtx_40xx",
        "sales:gpu_other"), chat.offered());
    chat.tap("sales:gpu_rtx_30xx_low");
    assertContains(chat.said(), "Qwen2.5-7B", "~2 s per answer", "An RTX 3090 would run Qwen2.5-14B", "XTTS v2", "Whisper Medium");
  }

  @Test
  void quickStartIsFourCommandsInFiveMinutesThenTheAdminOnPort8002() {
    for (String id : List.of("sales:github", "sales:diy_github", "sales:nogpu_cpu")) {
      Chat chat = new Chat("ru");
      chat.tap(id);
      assertContains(chat.said(), "5 минут", "git clone https://github.com/ShaerWare/AI_Secretary_System\n",
          "cd AI_Secretary_System\n", "cp .env.example .env\n", "docker compose up -d\n", "http://localhost:8002/admin",
          "https://github.com/ShaerWare/AI_Secretary_System/wiki");
      assertEquals(List.of("sales:start_quiz", "sales:github", "sales:faq"), chat.offered(), id + " ends with the welcome buttons");
      assertEquals(new FunnelEvent("cta_clicked", Map.of("id", id, "action", "github")), chat.last.events().get(0));
    }
  }

  @Test
  void theTurnkeyInstallTakesThirtyMinutes() {
    Chat chat = new Chat("ru");
    chat.tap("sales:diy_install_5k");
    assertContains(chat.said(), "Установка под ключ — 5" + NBSP + "000" + NBSP + "₽", "за 30 минут");
    assertTrue(chat.offered().contains("sales:basic_pay"), "the install offer leads to checkout");
  }

  // §1.3 Basic path

  @Test
  void theValueScreenComparesWithSaasOverThreeYears() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_back_value");
    assertContains(chat.said(), "15" + NBSP + "000" + NBSP + "₽ в месяц",
        "5" + NBSP + "000" + NBSP + "₽ разово + ~500" + NBSP + "₽ в месяц", "За 36 месяцев",
        "SaaS — 540" + NBSP + "000" + NBSP + "₽", "23" + NBSP + "000" + NBSP + "₽", "экономия — 517" + NBSP + "000" + NBSP + "₽",
        "Окупаемость — 10 дн.", "ROI — 2" + NBSP + "200 %", "GDPR, 152-ФЗ", "офлайн", "записи 30 секунд",
        "4 моделей: LLM, TTS, STT, RAG");
    assertEquals(List.of("sales:basic_checkout", "sales:basic_demo", "sales:contact"), chat.offered());
    assertEquals("✅ Заказать 5К" + NBSP + "₽", title(chat.last, "sales:basic_checkout"));
    assertEquals(List.of("basic_path_entered"), chat.eventTypes());
  }

  @Test
  void theSavingsFollowTheProfilesPrices() {
    Map<String, Long> prices = Map.of("turnkey_install", 10_000L, "saas_month", 12_000L, "running_month", 1_000L);
    BusinessProfile profile = new BusinessProfile(null, null, null, null, null, null, null, null, null, null, null, prices);
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.load("ru"), profile));
    chat.tap("sales:basic_back_value");
    // 12 000 × 36 = 432 000; 10 000 + 1 000 × 36 = 46 000; saving 386 000; payback ⌈10 000 ÷ 400⌉ = 25 days;
    // ROI 386 000 ÷ 46 000 = 839 % → 800 %
    assertContains(chat.said(), "SaaS — 432" + NBSP + "000", "46" + NBSP + "000" + NBSP + "₽", "экономия — 386" + NBSP + "000",
        "Окупаемость — 25 дн.", "ROI — 800 %", "✅ Заказать 10К" + NBSP + "₽");
  }

  @Test
  void theDemoIsTheSeedsReadOnlyAdminResetHourly() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_demo");
    assertContains(chat.said(), "https://demo.shaerware.digital/admin", "demo / demo2024", "только для просмотра",
        "сохранить изменения нельзя", "каждый час");
    assertEquals(List.of("sales:basic_checkout", "sales:contact", "sales:basic_back_value"), chat.offered());
  }

  @Test
  void checkoutListsThePackageTheRequirementsAndTheRefund() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_checkout");
    assertContains(chat.said(), "5" + NBSP + "000" + NBSP + "₽", "Подключимся к вашему серверу", "за 30 минут",
        "под вашу видеокарту", "Проверим, что всё работает", "покажем, как пользоваться", "Ubuntu 20.04+", "Debian 11+",
        "от GTX 1660", "режим без GPU (CPU)", "Docker", "SSH", "вернём деньги");
    String items = chat.said().substring(chat.said().indexOf("Что сделаем:"), chat.said().indexOf("Что нужно"));
    assertEquals(5, items.split("\n\\d\\. ").length - 1, "5 items: " + items);
    assertEquals(List.of("sales:basic_pay", "sales:basic_no_gpu", "sales:contact"), chat.offered());
    assertEquals("💳 Оплатить 5К" + NBSP + "₽", title(chat.last, "sales:basic_pay"));
    assertEquals(List.of("checkout_started"), chat.eventTypes());
  }

  @Test
  void payNamesTheOtherPaymentMethodsAndTheThirtyMinuteStart() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_pay");
    assertContains(chat.said(), "ЮMoney", "переводом на карту", "по счёту для компаний", "в течение 30 минут",
        "sum=5000", "receiver=410000000000000");
    assertEquals(List.of("sales:contact", "nav:welcome"), chat.offered());
  }

  @Test
  void theNoGpuOptionsCarryTheirFiguresAndLeadWhereTheSeedsDid() {
    Chat chat = new Chat("ru");
    chat.tap("sales:basic_no_gpu");
    ListMessage list = assertInstanceOf(ListMessage.class, chat.last.messages().get(0));
    assertEquals("Варианты", list.buttonText());
    assertEquals("Без GPU", list.sections().get(0).title());
    assertContains(list.body(), "Piper TTS", "Gemini API", "бесплатно", "от 3" + NBSP + "000" + NBSP + "₽ в месяц",
        "RTX 3060", "25" + NBSP + "000" + NBSP + "₽", "окупится примерно за 8 мес.");
    assertEquals(List.of("Cloud LLM бесплатно", "От 3" + NBSP + "000" + NBSP + "₽/мес", "RTX 3060 б/у ~25К" + NBSP + "₽",
        "Консультация"), list.sections().get(0).rows().stream().map(ListRow::description).toList());
    assertEquals(List.of("sales:nogpu_cpu", "sales:nogpu_vps", "sales:nogpu_own", "sales:contact"), chat.offered());

    chat.tap("sales:nogpu_cpu");
    assertEquals(List.of("sales:start_quiz", "sales:github", "sales:faq"), chat.offered(), "CPU: quick start, welcome buttons");
    for (String option : List.of("sales:nogpu_vps", "sales:nogpu_own")) {
      chat.tap(option);
      assertEquals(List.of("sales:basic_pay", "sales:basic_no_gpu", "sales:contact"), chat.offered(), option + " → checkout");
      assertEquals(List.of("no_gpu_option_viewed", "checkout_started"), chat.eventTypes());
    }
  }

  // §1.4 Custom path

  @Test
  void theCustomIntroCarriesTheScopeTheCasesTheBudgetAndTheLeadTime() {
    Chat chat = new Chat("ru");
    chat.tap("sales:qt_business");
    chat.tap("sales:qi_gpu");
    assertContains(chat.said(), "Bitrix24, amoCRM, 1С", "GSM", "дообучение модели на ваших данных", "100 % приватности",
        "−70 %", "120 тыс. ₽ в месяц", "запись 24/7", "+40 %", "+25 %", "от 50" + NBSP + "000" + NBSP + "₽", "от 1 недели");
    assertEquals(List.of("sales:custom_start", "sales:custom_prices", "sales:contact"), chat.offered());
    assertTrue(chat.eventTypes().contains("custom_path_entered"), chat.eventTypes().toString());
  }

  @Test
  void thePricesScreenListsBaseAndIntegrationsButNoMultipliers() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_prices");
    assertContains(chat.said(), "Базовая система — 50" + NBSP + "000" + NBSP + "₽",
        "Интеграция: Bitrix24 — 20" + NBSP + "000", "Интеграция: amoCRM — 20" + NBSP + "000", "Интеграция: 1С — 25" + NBSP + "000",
        "Интеграция: Телефония — 30" + NBSP + "000", "Интеграция: Своя система (API) — 15" + NBSP + "000",
        "ассистент на вашем сервере, бот в Telegram или WhatsApp и админ-панель", "от 1 недели");
    assertFalse(chat.said().contains("x1.3") || chat.said().contains("x1.5"), "multipliers are for the quote only");
  }

  @Test
  void theDiscoveryShowsATwentyCellProgressBarAndThreeExampleTasks() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    assertEquals(3, Pattern.compile("_«").matcher(chat.said()).results().count(), "3 example tasks: " + chat.said());
    String[] answers = {null, "Клиника", "sales:cv_vol_low", "sales:ci_int_none", "sales:ct_time_month"};
    for (int step = 1; step <= 5; step++) {
      if (step > 1) {
        if (step == 2) {
          chat.text(answers[1]);
        } else {
          chat.tap(answers[step - 1]);
        }
      }
      String bar = "▓".repeat(4 * step) + "░".repeat(20 - 4 * step) + " " + 20 * step + " %";
      assertContains(chat.said(), "Шаг " + step + " из 5", bar);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void theBudgetOptionsAreTheSeedsRangesNamedByTheirLowerBound(String language) {
    Chat chat = new Chat(language);
    chat.tap("sales:custom_start");
    chat.text("Интернет-магазин");
    chat.tap("sales:cv_vol_low");
    chat.tap("sales:ci_int_none");
    chat.tap("sales:ct_time_month");
    List<ListRow> rows = rows(chat.last.messages().get(0));
    assertEquals(List.of("sales:cb_budget_50", "sales:cb_budget_100", "sales:cb_budget_200", "sales:cb_budget_500",
        "sales:cb_budget_unknown"), rows.stream().map(r -> r.id().value()).toList());
    List<String> titles = rows.stream().map(ListRow::title).toList();
    if (language.equals("ru")) {
      assertEquals(List.of("50–100 тыс. ₽", "100–200 тыс. ₽", "200–500 тыс. ₽", "От 500 тыс. ₽", "Нужен расчёт"), titles);
    } else {
      assertEquals(List.of("50-100K ₽", "100-200K ₽", "200-500K ₽", "500K ₽ and more", "Needs an estimate"), titles);
    }
  }

  @Test
  void theVolumeIntegrationAndTimelineOptionsAreTheSeeds() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    chat.text("Клиника");
    assertEquals(List.of("До 50", "50–200", "200–1000", "Больше 1000", "Пока не знаю"), titles(chat.last));
    chat.tap("sales:cv_vol_mid");
    assertEquals(List.of("Bitrix24", "amoCRM", "1С", "Телефония", "Своя система", "Не нужны"), titles(chat.last));
    assertEquals("Asterisk / SIP", rows(chat.last.messages().get(0)).get(3).description());
    chat.tap("sales:ci_int_1c");
    assertEquals(List.of("➕ Ещё", "→ Далее"), titles(chat.last));
    chat.tap("sales:ci_done");
    assertEquals(List.of("🔥 1–2 недели", "📅 В течение месяца", "📆 В течение квартала", "🔍 Пока изучаю"), titles(chat.last));
  }

  @Test
  void theQuoteRepeatsTheRequestWithTheTaskCutAtSixtyCharacters() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    String task = "Сеть стоматологий: запись пациентов по телефону и в WhatsApp, напоминания о визитах";
    chat.text(task);
    chat.tap("sales:cv_vol_enterprise");
    chat.tap("sales:ci_int_amo");
    chat.tap("sales:ci_more");
    chat.tap("sales:ci_int_phone");
    chat.tap("sales:ci_done");
    chat.tap("sales:ct_time_quarter");
    chat.tap("sales:cb_budget_500");
    String quote = ((TextMessage) chat.last.messages().get(0)).body();
    String cut = task.substring(0, 57) + "...";
    assertContains(quote, "Задача: " + cut + "\n", "Объём: 1000+/день", "Интеграции: amoCRM, Телефония", "Сроки: 3–4 недели",
        "Интеграция: amoCRM — 20" + NBSP + "000", "Интеграция: Телефония — 30" + NBSP + "000",
        "Высокий объём (x1.5) — 50" + NBSP + "000", "от 150" + NBSP + "000" + NBSP + "₽ до 187" + NBSP + "500" + NBSP + "₽",
        "Срок реализации: 3–4 недели");
    assertEquals(2, quote.split("3–4 недели", -1).length - 1, "the timeline appears twice");
    assertEquals(60, cut.length());
  }

  @Test
  void aQuoteWithoutIntegrationsSaysSoAndAShortTaskIsKeptWhole() {
    Chat chat = new Chat("en");
    chat.tap("sales:custom_start");
    chat.text("A bakery");
    chat.tap("sales:cv_vol_unknown");
    chat.tap("sales:ci_int_none");
    chat.tap("sales:ct_time_research");
    chat.tap("sales:cb_budget_unknown");
    assertContains(Chat.text(chat.last.messages().get(0)), "Task: A bakery\n", "Volume: Not determined",
        "Integrations: no integrations", "Timeline: by agreement", "from 50,000" + NBSP + "₽ to 62,500" + NBSP + "₽");
  }

  @Test
  void tooExpensiveOffersMvpInAWeekStagesAndConsultingForFifteenThousand() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_expensive");
    assertContains(chat.said(), "базовая система без интеграций: 50" + NBSP + "000" + NBSP + "₽, запуск за 1 неделю",
        "оплачиваете по частям", "консультируем по интеграциям за 15" + NBSP + "000" + NBSP + "₽");
    assertFalse(chat.said().contains("2–3"), "no invented stage count");
  }

  @Test
  void startingTheDiscoveryAgainForgetsTheEarlierIntegrations() {
    Chat chat = new Chat("ru");
    chat.tap("sales:custom_start");
    chat.text("Клиника");
    chat.tap("sales:cv_vol_low");
    chat.tap("sales:ci_int_1c");
    chat.tap("sales:ci_done");
    chat.tap("sales:ct_time_month");
    chat.tap("sales:cb_budget_50");
    chat.tap("sales:custom_start");
    assertEquals(List.of(), chat.state.discovery().orElseThrow().integrations(), "the seed's bug: picks carried over");
    chat.text("Автосервис");
    chat.tap("sales:cv_vol_low");
    chat.tap("sales:ci_int_bitrix");
    assertEquals(List.of("int_bitrix"), chat.state.discovery().orElseThrow().integrations());
  }

  // §1.5 FAQ answers

  @Test
  void theFaqAnswersCarryTheSeedsFigures() {
    assertContains(faq("ru", "what_is"), "Пять блоков", "*LLM*", "Qwen, LLaMA, Mistral", "*TTS*", "XTTS v2", "*STT*",
        "Whisper", "*Vision*", "*RAG*");
    assertContains(faq("ru", "hardware"), "Минимум (режим CPU):* 16 ГБ ОЗУ, 50 ГБ SSD, любой современный процессор",
        "RTX 3060 или новее (от 8 ГБ видеопамяти), 32 ГБ ОЗУ, 100 ГБ SSD", "RTX 4090 (24 ГБ), 64 ГБ ОЗУ, NVMe");
    assertContains(faq("ru", "price"), "бесплатно, лицензия MIT", "Установка под ключ* — 5" + NBSP + "000",
        "Обновление* — 2" + NBSP + "000", "от 50" + NBSP + "000", "500" + NBSP + "₽ в месяц", "Никаких подписок");
    assertContains(faq("ru", "offline"), "скачать модели при установке", "обновления");
    assertContains(faq("ru", "security"), "ChatGPT и Claude", "американских компаний", "152-ФЗ");
    assertContains(faq("ru", "install"), "15–30 минут", "git clone https://github.com/ShaerWare/AI_Secretary_System",
        "./install.sh", "http://localhost:7860", "5" + NBSP + "000" + NBSP + "₽", "30 минут");
    assertContains(faq("ru", "vs_cloud"), "$20–200 в месяц");
    assertContains(faq("ru", "integrations"), "Bitrix24, amoCRM, 1С", "Asterisk, FreePBX, SIP-провайдеры, GSM-шлюзы",
        "Telegram, WhatsApp Business, Viber", "130+", "WebSocket", "вебхуки");
    assertContains(faq("ru", "support"), "Wiki — 22 страницы", "https://github.com/ShaerWare/AI_Secretary_System/wiki",
        "GitHub Issues", "этот бот", "5" + NBSP + "000", "2" + NBSP + "000", "от 50" + NBSP + "000", "https://t.me/example_manager");
    assertContains(faq("ru", "free_trial"), "MIT", "коммерческое использование, изменение и распространение",
        "https://demo.shaerware.digital/admin", "demo / demo2024");
    assertContains(faq("ru", "cloud_models"), "Qwen, LLaMA, Mistral, Gemma", "HuggingFace", "Claude, GPT-4 / GPT-4o, Gemini, Grok",
        "Гибрид");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void cloudComparisonHasSixPointsOnEachSide(String language) {
    String text = faq(language, "vs_cloud");
    String[] sides = text.split("\n\n");
    assertEquals(2, sides.length, text);
    for (String side : sides) {
      assertEquals(6, Pattern.compile("\n\\d\\. ").matcher(side).results().count(), side);
    }
  }

  // §2 Option lists, §4.2 FAQ

  @ParameterizedTest
  @CsvSource({"ru,🛠 Сам разберусь,📦 Готовое решение,🏢 Бизнес-задача", "en,🛠 I'll handle it,📦 Ready solution,🏢 Business task"})
  void quizQuestionOneOffersTheSeedsThreeAttitudes(String language, String diy, String ready, String business) {
    Chat chat = new Chat(language);
    chat.tap("sales:start_quiz");
    assertEquals(List.of(diy, ready, business), titles(chat.last));
    chat.tap("sales:qt_diy");
    ListMessage infra = assertInstanceOf(ListMessage.class, chat.last.messages().get(0));
    assertEquals(List.of("sales:qi_gpu", "sales:qi_cpu", "sales:qi_none", "sales:qi_unknown"), chat.offered());
    assertEquals(language.equals("ru") ? "Инфраструктура" : "Infrastructure", infra.sections().get(0).title());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void theFaqKeepsElevenAnswersInThreeSectionsWithinTenRowsAndEveryAnswerHasAWayHome(String language) {
    Chat chat = new Chat(language);
    chat.tap("sales:faq");
    ListMessage menu = assertInstanceOf(ListMessage.class, chat.last.messages().get(0));
    assertContains(menu.body(), "https://github.com/ShaerWare/AI_Secretary_System/wiki");
    assertEquals(List.of("faq:cat_product", "faq:cat_install", "faq:cat_pricing", "sales:what_is", "tz:start", "nav:welcome"),
        chat.offered());
    int answers = 0;
    List<Integer> sizes = new java.util.ArrayList<>();
    for (String section : List.of("product", "install", "pricing")) {
      chat.tap("faq:cat_" + section);
      List<String> questions = chat.offered();
      sizes.add(questions.size());
      assertTrue(questions.size() <= 10);
      for (String question : questions) {
        chat.tap(question);
        OutboundMessage last = chat.last.messages().get(chat.last.messages().size() - 1);
        assertEquals(List.of("faq:back_" + section, "faq:back_menu", "nav:welcome"), Chat.ids(List.of(last)));
        answers++;
      }
    }
    assertEquals(List.of(5, 3, 3), sizes);
    assertEquals(11, answers);
    chat.tap("nav:welcome");
    assertEquals(List.of("sales:start_quiz", "sales:github", "sales:faq"), chat.offered(), "home from an answer");
  }

  // §4.1, §4.3, §4.4 Navigation

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "sales:back_welcome, sales:start_quiz sales:github sales:faq",
    "sales:ce_mvp, nav:welcome",
    "sales:ce_stages, nav:welcome",
    "sales:ce_diy, sales:gpu_gtx_16xx sales:gpu_rtx_30xx_low sales:gpu_rtx_30xx_high sales:gpu_rtx_40xx sales:gpu_other",
    "sales:nogpu_vps, sales:basic_pay sales:basic_no_gpu sales:contact",
    "sales:nogpu_own, sales:basic_pay sales:basic_no_gpu sales:contact",
    "sales:nogpu_cpu, sales:start_quiz sales:github sales:faq",
    "sales:diy_install_5k, sales:basic_pay sales:basic_no_gpu sales:contact",
    "sales:basic_pay, sales:contact nav:welcome",
    "sales:basic_demo, sales:basic_checkout sales:contact sales:basic_back_value",
    "sales:custom_expensive, sales:ce_mvp sales:ce_stages sales:ce_diy"
  })
  void eachPathLeadsWhereTheSeedsDid(String id, String offered) {
    for (String language : List.of("ru", "en")) {
      Chat chat = new Chat(language);
      chat.tap(id);
      assertEquals(List.of(offered.split(" ")), chat.offered(), language + " " + id);
    }
  }

  @Test
  void theContactScreenIsReachedFromEveryContactButtonOfTheSeed() {
    FunnelDefinition definition = FunnelDefinition.load("ru");
    for (String screen : List.of("menu", "diy_gpu_audit", "basic_value", "basic_demo", "basic_checkout", "basic_pay",
        "basic_no_gpu", "custom_intro", "custom_quote")) {
      DefinitionData.Screen s = definition.data().screens().get(screen);
      List<String> ids = new java.util.ArrayList<>(s.buttons().stream().map(DefinitionData.Option::id).toList());
      if (s.list() != null) {
        s.list().sections().forEach(section -> section.rows().forEach(row -> ids.add(row.id())));
      }
      assertTrue(ids.contains("sales:contact"), screen + " offers the contact screen");
    }
  }

  // §5 Analytics events

  @Test
  void theSeedsEventNamesAreLoggedWhereTheSeedLoggedThem() {
    Chat chat = new Chat("ru");
    assertEquals(List.of("start"), chat.text("привет").events().stream().map(FunnelEvent::type).toList());
    chat.tap("sales:back_welcome");
    assertEquals(List.of("start"), chat.eventTypes());
    chat.tap("nav:welcome");
    assertEquals(List.of(), chat.eventTypes(), "nav:welcome logs nothing");
    chat.tap("sales:start_quiz");
    assertEquals(List.of("quiz_started"), chat.eventTypes());
    chat.tap("sales:qt_diy");
    chat.tap("sales:qi_gpu");
    assertEquals(List.of("quiz_completed", "diy_path_entered"), chat.eventTypes());
    chat.tap("sales:diy_gpu_list");
    assertEquals(List.of("diy_path_entered"), chat.eventTypes());
    chat.tap("sales:gpu_other");
    chat.text("RTX 2060");
    assertEquals(List.of("gpu_custom_input"), chat.eventTypes());
    chat.tap("sales:diy_github");
    assertEquals(List.of("cta_clicked"), chat.eventTypes());
    chat.tap("sales:basic_back_value");
    assertEquals(List.of("basic_path_entered"), chat.eventTypes());
    chat.tap("sales:basic_checkout");
    assertEquals(List.of("checkout_started"), chat.eventTypes());
    chat.tap("sales:basic_pay");
    assertEquals(List.of("payment_link_sent"), chat.eventTypes(), "the seed's payment_initiated (report step kept)");
    chat.tap("sales:start_quiz");
    chat.tap("sales:qt_business");
    chat.tap("sales:qi_cpu");
    assertEquals(List.of("quiz_completed", "custom_path_entered"), chat.eventTypes());
    chat.tap("sales:custom_start");
    assertEquals(new FunnelEvent("discovery_started", Map.of("restart", false)), chat.last.events().get(0));
    chat.tap("sales:custom_restart");
    assertEquals(new FunnelEvent("discovery_started", Map.of("restart", true)), chat.last.events().get(0));
    chat.tap("sales:custom_expensive");
    assertEquals(List.of("objection_expensive"), chat.eventTypes());
  }

  // §1.6 Figures only the earlier Java definition had, which contradict the seed

  @ParameterizedTest
  @ValueSource(strings = {"1–2 час", "1-2 час", "10–30 с", "14 дней", "450 ₽", "2–3 этап", "До 50 000", "один вечер",
      "от 6 ГБ", "30–60 минут", "1-2 hour", "1–2 hour", "10-30 s", "14 days", "2-3 stages", "one evening", "from 6 GB",
      "30-60 minutes", "wabots/ai-secretary", "★"})
  void noContradictingFigureIsLeft(String figure) {
    for (String language : List.of("ru", "en")) {
      String json = FunnelDefinition.defaultJson(language).replace(NBSP, " ");
      assertFalse(json.contains(figure), language + " still says " + figure);
    }
  }

  // helpers

  private static String said(String language, String text) {
    Chat chat = new Chat(language);
    chat.text(text);
    return chat.said();
  }

  private static String faq(String language, String key) {
    FunnelDefinition definition = FunnelDefinition.load(language);
    Chat chat = new Chat(new FunnelEngine(definition));
    chat.tap("faq:" + key);
    return Chat.text(chat.last.messages().get(0));
  }

  private static List<ListRow> rows(OutboundMessage message) {
    return ((ListMessage) message).sections().stream().map(ListSection::rows).flatMap(List::stream).toList();
  }

  private static List<String> titles(Outcome outcome) {
    OutboundMessage last = outcome.messages().get(outcome.messages().size() - 1);
    if (last instanceof ListMessage) {
      return rows(last).stream().map(ListRow::title).toList();
    }
    return ((ReplyButtonsMessage) last).buttons().stream().map(ReplyButton::title).toList();
  }

  private static String title(Outcome outcome, String id) {
    return outcome.messages().stream()
        .filter(ReplyButtonsMessage.class::isInstance)
        .flatMap(m -> ((ReplyButtonsMessage) m).buttons().stream())
        .filter(b -> b.id().value().equals(id))
        .map(ReplyButton::title)
        .findFirst()
        .orElseThrow();
  }

  private static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "missing '" + part + "' in:\n" + text);
    }
  }

  static Instant now() {
    return Instant.parse("2025-06-01T10:00:00Z");
  }
}
