package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.PhoneNumber;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full conversation per path, from webhook bodies through the facade into a real SQLite file. */
class FunnelConversationTest {
  private static final PhoneNumber PHONE = new PhoneNumber("79161234567");

  @TempDir Path dir;
  private Path file;
  private SqliteFunnelStore store;
  private Funnel funnel;
  private Conversation user;

  @BeforeEach
  void open() {
    file = dir.resolve("data/wa_sales_demo-bot.db");
    store = SqliteFunnelStore.open(file);
    funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, new BotInstanceId("demo-bot"),
        new Conversation.Ticking(Instant.parse("2025-06-01T09:00:00Z")));
    user = new Conversation(funnel, PHONE, "Ирина");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void diyPathFromGreetingToGithub() throws SQLException {
    user.says("Привет");
    assertTrue(user.said().startsWith("Здравствуйте, Ирина!"), user.said());
    user.taps("sales:start_quiz");
    user.taps("sales:qt_diy");
    user.picks("sales:qi_gpu");
    assertTrue(user.offered().contains("sales:gpu_rtx_30xx_low"));
    user.picks("sales:gpu_rtx_30xx_low");
    assertTrue(user.said().contains("Qwen2.5-7B"));
    user.taps("sales:diy_github");
    assertTrue(user.said().contains("git clone https://github.com/ShaerWare/AI_Secretary_System"), user.said());
    UserState state = store.find(PHONE).orElseThrow();
    assertEquals(Optional.of(Segment.DIY), state.segment());
    assertEquals(Optional.of("diy_ready"), state.subSegment());
    assertEquals(Optional.of("Ирина"), state.profileName());
    assertEquals(List.of("start", "quiz_started", "quiz_answered", "quiz_completed", "diy_path_entered", "gpu_selected",
        "cta_clicked"), events());
  }

  @Test
  void basicPathFromQuizToPaymentLink() throws SQLException {
    user.says("/start");
    user.taps("sales:start_quiz");
    user.taps("sales:qt_ready");
    user.picks("sales:qi_cpu");
    assertTrue(user.offered().containsAll(List.of("sales:basic_checkout", "sales:basic_demo")));
    user.taps("sales:basic_demo");
    user.taps("sales:basic_back_value");
    user.taps("sales:basic_checkout");
    user.taps("sales:basic_no_gpu");
    user.picks("sales:nogpu_vps");
    assertEquals(List.of("sales:basic_pay", "sales:basic_no_gpu", "sales:contact"), user.offered(), "VPS leads to checkout");
    user.taps("sales:basic_pay");
    assertTrue(user.said().contains("label=demo-bot%3A79161234567"), user.said());
    assertTrue(user.said().contains("sum=5000"));
    assertTrue(store.find(PHONE).orElseThrow().funnelCompleted());
    assertEquals("{\"amount\":5000,\"label\":\"demo-bot:79161234567\"}",
        query("SELECT event_data FROM events WHERE event_type = 'payment_link_sent'").get(0));
  }

  @Test
  void customPathFromQuizToQuoteAndAlternatives() throws SQLException {
    user.taps("sales:start_quiz");
    user.taps("sales:qt_business");
    user.picks("sales:qi_unknown");
    user.taps("sales:custom_start");
    user.says("Клиника, запись пациентов и ответы о ценах, интеграция с 1С");
    user.picks("sales:cv_vol_enterprise");
    user.picks("sales:ci_int_1c");
    user.taps("sales:ci_more");
    user.picks("sales:ci_int_custom");
    user.taps("sales:ci_done");
    user.picks("sales:ct_time_quarter");
    user.picks("sales:cb_budget_200");
    // 50 000 + 25 000 + 15 000 = 90 000; × 1.5 = 135 000; × 1.25 = 168 750
    assertTrue(user.said().contains("от 135\u00a0000\u00a0₽ до 168\u00a0750\u00a0₽"), user.said());
    assertTrue(user.said().contains("Высокий объём (x1.5) — 45\u00a0000\u00a0₽"), user.said());
    user.taps("sales:custom_expensive");
    user.taps("sales:ce_stages");
    user.taps("sales:contact");
    assertTrue(user.said().contains("sales@example.com"));
    assertEquals(List.of("Клиника, запись пациентов и ответы о ценах, интеграция с 1С|vol_enterprise|[\"int_1c\",\"int_custom\"]"
        + "|time_quarter|budget_200|1"),
        query("SELECT step_1_task || '|' || step_2_volume || '|' || step_3_integrations || '|' || step_4_timeline"
            + " || '|' || step_5_budget || '|' || completed FROM custom_discovery"));
    assertEquals(List.of("custom_discovery"), query("SELECT sub_segment FROM users"));
  }

  @Test
  void faqPathWithBackNavigationAndAiFallback() throws SQLException {
    user.says("menu");
    user.taps("sales:faq");
    user.picks("faq:cat_install");
    user.picks("faq:hardware");
    assertTrue(user.said().contains("RTX 4090 (24 ГБ), 64 ГБ ОЗУ"), user.said());
    assertEquals(List.of("faq:back_install", "faq:back_menu", "nav:welcome"), user.offered());
    user.taps("faq:back_install");
    assertEquals(List.of("faq:hardware", "faq:install", "faq:integrations"), user.offered());
    user.taps("faq:back_menu");
    user.picks("faq:cat_pricing");
    user.picks("faq:price");
    assertTrue(user.said().contains("5\u00a0000\u00a0₽"));
    FunnelReply ai = user.says("А на Mac M2 пойдёт?");
    assertTrue(ai.needsAi());
    assertEquals("А на Mac M2 пойдёт?", ai.aiText().orElseThrow());
    assertEquals(List.of(), ai.messages());
    assertEquals(List.of("sales:start_quiz", "sales:contact", "sales:faq"),
        Chat.ids(List.of(funnel.menu(PHONE).message())));
    FunnelReply voice = user.sendsVoice();
    assertFalse(voice.needsAi());
    assertEquals(2, voice.messages().size());
    assertEquals(List.of("faq_viewed", "faq_viewed"),
        events().stream().filter(e -> e.startsWith("faq_v")).toList());
  }

  @Test
  void stateSurvivesReopeningTheStore() {
    user.taps("sales:custom_start");
    store.close();
    store = SqliteFunnelStore.open(file);
    funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, new BotInstanceId("demo-bot"),
        new Conversation.Ticking(Instant.parse("2025-06-02T09:00:00Z")));
    user = new Conversation(funnel, PHONE, "Ирина");
    assertFalse(user.says("Автосервис, запись на ремонт").needsAi(), "the task question was still pending");
    assertEquals(Optional.of(FunnelState.CUSTOM_STEP_2), store.find(PHONE).orElseThrow().funnelState());
  }

  private List<String> events() throws SQLException {
    return query("SELECT event_type FROM events ORDER BY id");
  }

  private List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
