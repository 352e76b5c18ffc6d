package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.PhoneNumber;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report over the same conversations, from the SQLite and the in-memory store alike. */
class FunnelReportTest {
  private static final Instant START = Instant.parse("2025-06-01T09:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void countsUsersPerStepWithConversions(String kind) throws Exception {
    try (FunnelStore store = kind.equals("sqlite") ? SqliteFunnelStore.open(dir.resolve("r.db")) : new InMemoryFunnelStore()) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("en")), store, new BotInstanceId("b"),
          new Conversation.Ticking(START));
      // 4 start the quiz; 3 complete it (DIY, BASIC, CUSTOM); BASIC pays; CUSTOM gets a quote; 1 asks for contact.
      for (int i = 0; i < 4; i++) {
        new Conversation(funnel, phone(i), "U" + i).taps("sales:start_quiz");
      }
      Conversation diy = new Conversation(funnel, phone(0), "U0");
      diy.taps("sales:qt_diy");
      diy.picks("sales:qi_gpu");
      diy.taps("sales:qt_diy"); // completing twice counts the user once
      diy.picks("sales:qi_gpu");
      Conversation basic = new Conversation(funnel, phone(1), "U1");
      basic.taps("sales:qt_ready");
      basic.picks("sales:qi_none");
      basic.taps("sales:basic_pay");
      basic.taps("sales:contact");
      Conversation custom = new Conversation(funnel, phone(2), "U2");
      custom.taps("sales:qt_business");
      custom.picks("sales:qi_gpu");
      custom.taps("sales:custom_start");
      custom.says("Task");
      custom.picks("sales:cv_vol_low");
      custom.picks("sales:ci_int_none");
      custom.picks("sales:ct_time_month");
      custom.picks("sales:cb_budget_50");
      new Conversation(funnel, phone(9), "Lurker").says("what is this?");

      FunnelReport report = store.report(7, START.plus(java.time.Duration.ofHours(1)));
      Map<String, ReportStep> steps = report.steps().stream().collect(Collectors.toMap(ReportStep::key, Function.identity()));
      assertEquals(5, report.activeUsers());
      assertEquals(4, steps.get("quiz_started").users());
      assertEquals(3, steps.get("quiz_completed").users());
      assertEquals(75.0, steps.get("quiz_completed").percentOfPrevious());
      assertEquals(1, steps.get("segment_diy").users());
      assertEquals(33.3, steps.get("segment_diy").percentOfPrevious());
      assertEquals(25.0, steps.get("segment_diy").percentOfFirst());
      assertEquals(0, steps.get("segment_unknown").users());
      assertEquals(1, steps.get("payment_link_sent").users());
      assertEquals(1, steps.get("quote_sent").users());
      assertEquals(100.0, steps.get("quote_sent").percentOfPrevious());
      assertEquals("segment_custom", steps.get("quote_sent").previous());
      assertEquals(1, steps.get("contact_requested").users());
      assertNull(steps.get("quiz_started").percentOfPrevious());

      JsonNode json = new ObjectMapper().readTree(report.toJson());
      assertEquals(9, json.path("steps").size());
      assertEquals("quiz_completed", json.at("/steps/1/key").asText());
      assertEquals(75.0, json.at("/steps/1/percent_of_previous").asDouble());

      FunnelReport later = store.report(1, START.plus(java.time.Duration.ofDays(3)));
      assertEquals(0, later.activeUsers());
      assertNull(later.steps().get(1).percentOfFirst());
    }
  }

  private static PhoneNumber phone(int i) {
    return new PhoneNumber("7900000000" + i);
  }

}
