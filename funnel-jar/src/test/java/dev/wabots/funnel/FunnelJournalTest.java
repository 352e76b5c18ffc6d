package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyId;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelJournalTest {

  @TempDir Path dir;

  @Test
  void theJournalCommitsWithTheStepAndItsFailureRollsTheStepBack() throws Exception {
    try (SqliteFunnelStore store = SqliteFunnelStore.open(dir.resolve("bot.db"))) {
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, new BotInstanceId("journal-bot"),
          Clock.systemUTC());
      PhoneNumber phone = PhoneNumber.parse("79001234567");
      FunnelInput start = new FunnelInput.Reply(ReplyId.of("sales:start_quiz"));

      assertThrows(FunnelStoreException.class, () -> funnel.handle(phone, "Ann", start, (c, reply) -> {
        try (var s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS plan (n INTEGER)");
          s.execute("INSERT INTO plan VALUES (" + reply.messages().size() + ")");
        }
        throw new java.sql.SQLException("the caller's bookkeeping failed");
      }));
      assertTrue(store.find(phone).isEmpty(), "the step rolled back with the journal");

      FunnelReply reply = funnel.handle(phone, "Ann", start, (c, r) -> {
        try (var s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS plan (n INTEGER)");
          s.execute("INSERT INTO plan VALUES (" + r.messages().size() + ")");
        }
      });
      assertTrue(store.find(phone).isPresent());
      try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db")); var s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT n FROM plan")) {
        assertTrue(r.next());
        assertEquals(reply.messages().size(), r.getInt(1));
        assertTrue(!r.next(), "only the committed attempt left a row");
      }
    }
  }
}
