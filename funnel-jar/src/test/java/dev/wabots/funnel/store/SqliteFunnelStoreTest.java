package dev.wabots.funnel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.BotInstanceId;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelEngine;
import dev.wabots.funnel.FunnelEvent;
import dev.wabots.funnel.FunnelInput;
import dev.wabots.funnel.FunnelState;
import dev.wabots.funnel.FunnelStoreException;
import dev.wabots.funnel.Outcome;
import dev.wabots.funnel.UserState;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFunnelStoreTest {
  private static final PhoneNumber PHONE = new PhoneNumber("79001234567");
  private static final Instant NOW = Instant.parse("2025-06-01T10:00:00.123Z");

  @TempDir Path dir;

  @Test
  void createsTheFunnelTablesWithItsOwnHistoryTable() throws SQLException {
    Path file = dir.resolve("data/wa_sales_bot.db");
    SqliteFunnelStore.open(file).close();
    try (Connection c = connect(file)) {
      assertEquals(List.of("custom_discovery", "events", "funnel_schema_history", "requirements", "users"), tables(c));
      assertEquals(List.of("1", "2", "3"), column(c, "SELECT version FROM funnel_schema_history WHERE success = 1 ORDER BY installed_rank"));
      assertTrue(column(c, "SELECT name FROM pragma_table_info('users')").containsAll(
          List.of("user_id", "segment", "sub_segment", "quiz_tech", "quiz_infra", "funnel_state", "funnel_completed",
              "created_at", "last_activity", "profile_name")));
    }
  }

  @Test
  void coexistsWithAnotherComponentsTablesAndHistory() throws SQLException {
    Path file = dir.resolve("shared.db");
    try (Connection c = connect(file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE inbox (wamid TEXT PRIMARY KEY, body TEXT)");
      s.execute("CREATE TABLE bot_schema_history (installed_rank INTEGER, version TEXT)");
      s.execute("INSERT INTO inbox VALUES ('wamid.1', 'hello')");
    }
    SqliteFunnelStore.open(file).close();
    SqliteFunnelStore.open(file).close(); // re-opening migrates nothing twice
    try (Connection c = connect(file)) {
      assertEquals(List.of("hello"), column(c, "SELECT body FROM inbox"));
      assertEquals(List.of("0", "1", "2", "3"), column(c, "SELECT version FROM funnel_schema_history ORDER BY installed_rank"));
      assertTrue(tables(c).containsAll(List.of("users", "events", "custom_discovery", "bot_schema_history")));
    }
  }

  @Test
  void appliesStateDiscoveryAndEventsAndReadsThemBack() throws SQLException {
    Path file = dir.resolve("s.db");
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load("ru"));
    try (SqliteFunnelStore store = SqliteFunnelStore.open(file)) {
      step(store, engine, new FunnelInput.Reply(ReplyId.of("sales:custom_start")));
      step(store, engine, new FunnelInput.Text("Нужен бот для салона"));
      step(store, engine, new FunnelInput.Reply(ReplyId.of("sales:cv_vol_mid")));
      step(store, engine, new FunnelInput.Reply(ReplyId.of("sales:ci_int_amo")));
      UserState stored = store.find(PHONE).orElseThrow();
      assertEquals(Optional.of(FunnelState.CUSTOM_STEP_3), stored.funnelState());
      assertEquals(List.of("int_amo"), stored.discovery().orElseThrow().integrations());
      assertEquals(Optional.of("Нужен бот для салона"), stored.discovery().orElseThrow().task());
      assertEquals(NOW, stored.lastActivity());
      assertEquals(Optional.of("Анна"), stored.profileName());
    }
    try (Connection c = connect(file)) {
      assertEquals(List.of("[\"int_amo\"]"), column(c, "SELECT step_3_integrations FROM custom_discovery"));
      assertEquals(List.of("2025-06-01T10:00:00.123Z"), column(c, "SELECT DISTINCT created_at FROM events"));
      assertEquals(List.of("discovery_started", "discovery_answer", "discovery_answer", "discovery_answer"),
          column(c, "SELECT event_type FROM events ORDER BY id"));
      assertEquals(List.of("{\"step\":3,\"value\":\"int_amo\"}"),
          column(c, "SELECT event_data FROM events ORDER BY id DESC LIMIT 1"));
    }
  }

  @Test
  void theRequirementsAnswersAreKeptAcrossStepsInOrderAndForgottenWithTheUser() throws SQLException {
    Path file = dir.resolve("r.db");
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load("ru"));
    try (SqliteFunnelStore store = SqliteFunnelStore.open(file)) {
      step(store, engine, new FunnelInput.Reply(ReplyId.of("tz:start")));
      step(store, engine, new FunnelInput.Reply(ReplyId.of("tz:type_web")));
      step(store, engine, new FunnelInput.Text("Кабинет клиента"));
      step(store, engine, new FunnelInput.Reply(ReplyId.of("tz:goal_sales")));
      UserState stored = store.find(PHONE).orElseThrow();
      assertEquals(List.of("type", "description", "goal"),
          List.copyOf(stored.requirements().orElseThrow().answers().keySet()));
      assertEquals("Кабинет клиента", stored.requirements().orElseThrow().answers().get("description"));
      try (Connection c = connect(file)) {
        assertEquals(List.of("{\"type\":\"web\",\"description\":\"Кабинет клиента\",\"goal\":\"sales\"}"),
            column(c, "SELECT answers FROM requirements"));
      }
      store.forget(PHONE);
      try (Connection c = connect(file)) {
        assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM requirements"));
      }
    }
  }

  @Test
  void aFailingStepWritesNothing() {
    try (SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("f.db"))) {
      assertThrows(IllegalStateException.class, () -> store.apply(PHONE, current -> {
        throw new IllegalStateException("engine bug");
      }));
      assertEquals(Optional.empty(), store.find(PHONE));
      Outcome other = new Outcome(List.of(), UserState.newUser(new PhoneNumber("15550001111"), NOW), List.of(), Optional.empty());
      assertThrows(IllegalArgumentException.class, () -> store.apply(PHONE, current -> other));
      assertEquals(Optional.empty(), store.find(new PhoneNumber("15550001111")));
    }
  }

  @Test
  void aStateWithoutDiscoveryDeletesTheDiscoveryRow() throws SQLException {
    Path file = dir.resolve("d.db");
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load("ru"));
    try (SqliteFunnelStore store = SqliteFunnelStore.open(file)) {
      step(store, engine, new FunnelInput.Reply(ReplyId.of("sales:custom_start")));
      try (Connection c = connect(file)) {
        assertEquals(List.of("1"), column(c, "SELECT COUNT(*) FROM custom_discovery"));
      }
      store.apply(PHONE, current -> {
        UserState u = current.orElseThrow();
        UserState cleared = new UserState(u.phone(), u.profileName(), u.segment(), u.subSegment(), u.quizTech(),
            u.quizInfra(), Optional.empty(), u.funnelCompleted(), u.createdAt(), NOW, Optional.empty());
        return new Outcome(List.of(), cleared, List.of(), Optional.empty());
      });
      assertEquals(Optional.empty(), store.find(PHONE).orElseThrow().discovery());
    }
    try (Connection c = connect(file)) {
      assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM custom_discovery"));
    }
  }

  @Test
  void concurrentStepsForOneUserAreAppliedOneAtATime() throws Exception {
    try (SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("c.db"), 4)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      for (int i = 0; i < 200; i++) {
        PhoneNumber phone = i % 2 == 0 ? PHONE : new PhoneNumber("1555000" + (1000 + i));
        futures.add(pool.submit(() -> store.apply(phone, current -> {
          if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          UserState user = current.orElseGet(() -> UserState.newUser(phone, NOW)).touchedAt(NOW);
          Outcome outcome = new Outcome(List.of(), user, List.of(FunnelEvent.of("tick")), Optional.empty());
          inside.decrementAndGet();
          return outcome;
        })));
      }
      for (Future<?> future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(0, overlaps.get(), "read-modify-write steps interleaved");
      assertEquals(101, store.report(1, NOW.plusSeconds(1)).activeUsers());
    }
  }

  @Test
  void forgettingAUserRemovesStateDiscoveryAndEvents() throws SQLException {
    Path file = dir.resolve("forget.db");
    FunnelEngine engine = new FunnelEngine(FunnelDefinition.load("ru"));
    try (SqliteFunnelStore store = SqliteFunnelStore.open(file)) {
      step(store, engine, new FunnelInput.Reply(ReplyId.of("sales:custom_start")));
      PhoneNumber other = new PhoneNumber("15550002222");
      store.apply(other, current -> new Outcome(List.of(), UserState.newUser(other, NOW), List.of(FunnelEvent.of("x")),
          Optional.empty()));
      store.forget(PHONE);
      assertEquals(Optional.empty(), store.find(PHONE));
      assertTrue(store.find(other).isPresent(), "other users are kept");
    }
    try (Connection c = connect(file)) {
      assertEquals(List.of("0"), column(c, "SELECT COUNT(*) FROM custom_discovery"));
      assertEquals(List.of("1"), column(c, "SELECT COUNT(*) FROM events"));
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("closed.db"));
    store.find(PHONE);
    store.close();
    assertThrows(FunnelStoreException.class, () -> store.find(PHONE));
  }

  @Test
  void refusesToOpenAnUnwritableLocation() {
    Path blocked = dir.resolve("file-not-dir");
    assertThrows(RuntimeException.class, () -> {
      java.nio.file.Files.writeString(blocked, "x");
      SqliteFunnelStore.open(blocked.resolve("x.db"));
    });
  }

  private static void step(SqliteFunnelStore store, FunnelEngine engine, FunnelInput input) {
    store.apply(PHONE, current -> engine.step(
        current.orElseGet(() -> UserState.newUser(PHONE, NOW)).withProfileName("Анна"), input,
        new BotInstanceId("bot"), NOW));
  }

  private static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  private static List<String> tables(Connection c) throws SQLException {
    return column(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

}
