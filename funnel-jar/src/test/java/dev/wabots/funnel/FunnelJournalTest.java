package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.store.SqliteDatabase;
import dev.wabots.funnel.store.SqliteFunnelStore;
import dev.wabots.whatsapp.PhoneNumber;
import dev.wabots.whatsapp.ReplyId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller's bookkeeping and the funnel step share one transaction of the file's owner. */
class FunnelJournalTest {

  @TempDir Path dir;

  @Test
  void theCallersWritesCommitWithTheStepAndTheirFailureRollsTheStepBack() {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("bot.db"), 2, Duration.ofSeconds(5))) {
      SqliteFunnelStore.migrate(db);
      db.writing(s -> s.update("CREATE TABLE plan (n INTEGER)"));
      SqliteFunnelStore store = SqliteFunnelStore.over(db);
      Funnel funnel = new Funnel(new FunnelEngine(FunnelDefinition.load("ru")), store, new BotInstanceId("journal-bot"),
          Clock.systemUTC());
      PhoneNumber phone = PhoneNumber.parse("79001234567");
      FunnelInput start = new FunnelInput.Reply(ReplyId.of("sales:start_quiz"));

      assertThrows(IllegalStateException.class, () -> db.writing(s -> {
        FunnelReply reply = funnel.handle(phone, "Ann", start);
        s.update("INSERT INTO plan VALUES (?)", reply.messages().size());
        throw new IllegalStateException("the caller's bookkeeping failed");
      }));
      assertTrue(store.find(phone).isEmpty(), "the step rolled back with the caller's writes");

      FunnelReply reply = db.write(s -> {
        FunnelReply r = funnel.handle(phone, "Ann", start);
        s.update("INSERT INTO plan VALUES (?)", r.messages().size());
        return r;
      });
      assertTrue(store.find(phone).isPresent());
      assertEquals(List.of((long) reply.messages().size()), db.read(s -> s.list("SELECT n FROM plan", r -> r.number(1))),
          "only the committed attempt left a row");
    }
  }
}
