package dev.wabots.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wabots.bot.config.Configuration;
import dev.wabots.contract.BotConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextRetentionTest {

  @TempDir Path dir;

  static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void textsOlderThanTheBotsPeriodGoAndTheRowsStay() {
    BotDatabase database = open(30);
    try {
      message(database, "wamid.old", START, "done", "{\"text\":{\"body\":\"мой адрес: Тверская 1\"}}", "{\"reply\":1}");
      message(database, "wamid.old-open", START, "pending", "{\"text\":{\"body\":\"ещё не отвечено\"}}", null);
      message(database, "wamid.new", START.plus(Duration.ofDays(20)), "done", "{\"text\":{\"body\":\"свежее\"}}", null);
      database.transactions().writing(s -> {
        s.update("INSERT INTO ai_history (phone, role, content, at) VALUES (?, ?, ?, ?)", "79000000001", "user",
            "старый вопрос", START);
        s.update("INSERT INTO ai_history (phone, role, content, at) VALUES (?, ?, ?, ?)", "79000000001", "user",
            "новый вопрос", START.plus(Duration.ofDays(20)));
      });
      TextRetention retention = retention(database);
      retention.clock = Clock.fixed(START.plus(Duration.ofDays(29)), ZoneOffset.UTC);
      assertEquals(new TextRetention.Removed(0, 0), retention.run(), "nothing is 30 days old yet");

      retention.clock = Clock.fixed(START.plus(Duration.ofDays(31)), ZoneOffset.UTC);
      assertEquals(new TextRetention.Removed(1, 1), retention.run());
      assertEquals(List.of("wamid.new|{\"text\":{\"body\":\"свежее\"}}|", "wamid.old|{}|",
          "wamid.old-open|{\"text\":{\"body\":\"ещё не отвечено\"}}|"), rows(database),
          "the old answered message keeps its row without its text; unfinished and newer ones are untouched");
      assertEquals(List.of("новый вопрос"), database.transactions().read(s -> s.list(
          "SELECT content FROM ai_history ORDER BY id", r -> r.text(1))));
      assertEquals(new TextRetention.Removed(0, 0), retention.run(), "removed once");
    } finally {
      database.close();
    }
  }

  @Test
  void aBotWithoutAPeriodKeepsTextsForTheDefault180Days() {
    BotDatabase database = open(null);
    try {
      message(database, "wamid.half-year", START, "done", "{\"text\":{\"body\":\"полгода\"}}", null);
      TextRetention retention = retention(database);
      retention.clock = Clock.fixed(START.plus(Duration.ofDays(179)), ZoneOffset.UTC);
      assertEquals(0, retention.run().messages());
      retention.clock = Clock.fixed(START.plus(Duration.ofDays(181)), ZoneOffset.UTC);
      assertEquals(1, retention.run().messages());
    } finally {
      database.close();
    }
  }

  private final Configuration configuration = new Configuration();

  private BotDatabase open(Integer days) {
    configuration.use(new BotConfiguration("text-bot", "Texts", true, "sandbox", "1", "2", "t", "v", "s", 8003, "v23.0",
        "http://127.0.0.1:1", "http://127.0.0.1:1", "vllm", null, null, null, "ru", false, null, null, null, List.of(),
        List.of(), 5, 5, false, false, false, false, null, days));
    BotDatabase database = new BotDatabase(configuration, null);
    database.openAt(dir.resolve("wa_sales_text-bot.db"));
    return database;
  }

  private TextRetention retention(BotDatabase database) {
    TextRetention retention = new TextRetention();
    retention.database = database;
    retention.configuration = configuration;
    return retention;
  }

  private static void message(BotDatabase database, String wamid, Instant at, String state, String raw, String plan) {
    database.transactions().writing(s -> s.update("INSERT INTO inbox (wamid, phone, type, received_at, raw, state, plan)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", wamid, "79000000001", "text", at, raw, state, plan));
  }

  private static List<String> rows(BotDatabase database) {
    return database.transactions().read(s -> s.list("SELECT wamid, raw, plan FROM inbox ORDER BY wamid",
        r -> r.text(1) + "|" + r.text(2) + "|" + (r.text(3) == null ? "" : r.text(3))));
  }
}
