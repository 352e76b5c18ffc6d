package dev.wabots.bot.inbox;

import static dev.wabots.bot.inbox.BotCore.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.bot.inbox.BotCore.FakeGraph;
import dev.wabots.whatsapp.InboundMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot's core end to end without a container: intake → plan → send, with a fake Graph API and AI. */
class PipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void eachCustomersMessagesAreAnsweredInArrivalOrderWhileCustomersRunInParallel() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      List<String> phones = List.of("79000000001", "79000000002", "79000000003", "79000000004", "79000000005");
      for (int round = 1; round <= 6; round++) {
        List<InboundMessage> batch = new ArrayList<>();
        for (String p : phones) {
          batch.add(bot.text(p, "q" + round + " from " + p));
        }
        bot.deliver(batch.toArray(InboundMessage[]::new));
      }
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 30, WAIT, "30 answered");
      for (String p : phones) {
        List<String> answers = bot.graph.texts(p);
        List<String> expected = new ArrayList<>();
        for (int round = 1; round <= 6; round++) {
          expected.add("answer: q" + round + " from " + p);
        }
        assertEquals(expected, answers, "in order for " + p);
        assertEquals(6, bot.graph.to(p).size(), "each answer once: " + p);
      }
    }
  }

  @Test
  void aDuplicateDeliveryIsTakenOnceAndAnsweredOnce() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      InboundMessage m = bot.text("79000000001", "/reset");
      assertEquals(1, bot.deliver(m).newMessages().size());
      Inbox.Taken again = bot.deliver(m, m);
      assertEquals(0, again.newMessages().size());
      assertEquals(2, again.duplicates());
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "answered");
      Thread.sleep(200);
      assertEquals(2, bot.graph.all().size(), "the reset notice and the menu, once");
      assertEquals(List.of(m.id().value()), bot.graph.read, "marked read once");
    }
  }

  @Test
  void theLastReplyAndTheRowsEndAreOneCommit() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      var file = (dev.wabots.funnel.store.SqliteDatabase) bot.database.transactions();
      // Counted from before the delivery: its lane may be done before deliver() returns.
      long before = file.writeTransactions();
      bot.deliver(bot.text("79000000001", "/reset"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "answered");
      Thread.sleep(200);
      assertEquals(2, bot.graph.to("79000000001").size(), "the reset notice and the menu");
      // The intake's commit, then the funnel step with its plan, the first reply, the second reply
      // with the row done.
      assertEquals(1 + 3, file.writeTransactions() - before, "write transactions of the intake and after it");
      assertEquals(2L, (long) bot.database.transactions().read(s -> s.number(
          "SELECT sent FROM inbox WHERE state = 'done' AND done_at IS NOT NULL AND next_attempt IS NULL", -1)));
    }
  }

  @Test
  void aCrashAfterSomeRepliesWentResumesWithTheRestOnly() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      // Before the "crash": the message was planned with three replies, the first of them sent.
      InboundMessage m = bot.text("79000000001", "hello");
      bot.take(m);
      long seq = bot.database.transactions().read(s -> s.number("SELECT seq FROM inbox", -1));
      List<Reply> plan = List.of(send(m, "one"), send(m, "two"), send(m, "three"));
      bot.database.transactions().writing(s -> bot.inbox.plan(s, seq, plan));
      bot.inbox.sent(bot.inbox.unfinished(m.from().digits()).get(0), 1, "wamid.out.earlier", (Reply.Send) plan.get(0));
      // After the restart:
      bot.start();
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "resumed");
      assertEquals(List.of("two", "three"), bot.graph.texts("79000000001"));
      assertEquals(List.of(), bot.graph.read, "a planned message is not planned (nor read) again");
    }
  }

  @Test
  void aPassThatFailsUnexpectedlyRunsAgainByItselfAndTheOtherCustomersGoOn() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.crashes.add(new dev.wabots.funnel.store.StoreException("the database is busy: no write turn within 5000 ms", null));
      bot.graph.crashes.add(new IllegalStateException("a bug"));
      bot.deliver(bot.text("79000000001", "/reset"));
      await(() -> bot.graph.calls >= 2, WAIT, "the pass failed twice");
      bot.deliver(bot.text("79000000002", "/reset"));
      await(() -> bot.graph.to("79000000002").size() == 2, WAIT, "another customer is answered meanwhile");
      // No new message of the first customer, no restart: the retries (1 s, then 2 s) finish it.
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 2, WAIT, "the failed lane ran again");
      assertEquals(2, bot.graph.to("79000000001").size(), "each reply once");
    }
    assertEquals(Duration.ofSeconds(1), Processor.retryPause(1));
    assertEquals(Duration.ofSeconds(8), Processor.retryPause(4));
    assertEquals(Processor.RETRY_MAX, Processor.retryPause(40));
  }

  @Test
  void transientRefusalsAreRetriedWithoutSendingAnythingTwice() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.failures.add(FakeGraph.error(400, 130429));
      bot.graph.failures.add(FakeGraph.error(503, 0));
      bot.deliver(bot.text("79000000001", "/reset"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "delivered after two refusals");
      assertEquals(4, bot.graph.calls, "two refused attempts and two replies");
      assertEquals(2, bot.graph.all().size());
      assertEquals(2, bot.graph.all().stream().map(FakeGraph.Sent::request).distinct().count(), "each reply once");
      assertEquals(java.util.Map.of("0", 1L, "130429", 1L), bot.counters.graphErrors(), "Graph errors by code, for /metrics");
      assertEquals(2L, bot.counters.sent().values().stream().mapToLong(Long::longValue).sum(), "messages sent, by type");
    }
  }

  @Test
  void aPostponedMessageHoldsBackLaterMessagesOfTheSameCustomerOnly() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.sender.policy = new RetryPolicy(b -> 0, Duration.ofSeconds(60));
      bot.start();
      bot.graph.failures.add(FakeGraph.error(400, 131056)); // pair rate limit: 4 s
      bot.deliver(bot.text("79000000001", "first"));
      await(() -> bot.graph.calls == 1, WAIT, "the refused attempt");
      bot.deliver(bot.text("79000000001", "second"), bot.text("79000000002", "other"));
      await(() -> bot.graph.texts("79000000002").size() == 1, WAIT, "the other customer is answered meanwhile");
      assertEquals(List.of(), bot.graph.texts("79000000001"), "the first customer waits for the retry, in order");
      await(() -> bot.graph.texts("79000000001").size() == 2, Duration.ofSeconds(15), "both after the retry");
      assertEquals(List.of("answer: first", "answer: second"), bot.graph.texts("79000000001"));
    }
  }

  @Test
  void aFinalRefusalFailsTheMessageWithItsReasonAndTheNextGoesOn() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.graph.failures.add(FakeGraph.error(400, 131026)); // not a WhatsApp user
      bot.deliver(bot.text("79000000001", "first"));
      await(() -> bot.inbox.counts().getOrDefault("failed", 0L) == 1, WAIT, "failed");
      String error = bot.database.transactions().read(s -> s.first("SELECT last_error FROM inbox WHERE state = 'failed'",
          r -> r.text(1))).orElseThrow();
      assertTrue(error.contains("131026"), error);
      bot.deliver(bot.text("79000000001", "second"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "the next message is answered");
    }
  }

  @Test
  void aRefusedTokenHaltsAllSendingUntilAProbeWorks() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.sender.policy = new RetryPolicy(b -> 0, Duration.ofMillis(700));
      bot.start();
      bot.graph.failures.add(FakeGraph.error(401, 190));
      bot.deliver(bot.text("79000000001", "first"));
      await(() -> bot.processor.halted() != null, WAIT, "halted");
      assertNotNull(bot.graph.tokenProblem());
      assertEquals(1L, (long) bot.database.transactions().read(s -> s.number(
          "SELECT COUNT(*) FROM inbox WHERE last_error LIKE '%190%' AND next_attempt IS NULL", 0)),
          "the refusal is noted with the message, which stays due");
      bot.deliver(bot.text("79000000002", "meanwhile"));
      Thread.sleep(200);
      assertEquals(1, bot.graph.calls, "nothing is sent while halted");
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 2, WAIT, "both answered after the probe");
      assertNull(bot.processor.halted());
      assertEquals(List.of("answer: meanwhile"), bot.graph.texts("79000000002"));
    }
  }

  @Test
  void aMessageWaitingForAHaltedTokenGoesAtOnceAfterARestart() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.sender.policy = new RetryPolicy(b -> 0, Duration.ofSeconds(60));
      bot.start();
      bot.graph.failures.add(FakeGraph.error(401, 190));
      bot.deliver(bot.text("79000000001", "first"));
      await(() -> bot.processor.halted() != null, WAIT, "halted");
    }
    try (BotCore restarted = new BotCore(dir)) { // a new token, a restart: no waiting for the probe
      restarted.start();
      await(() -> restarted.graph.texts("79000000001").size() == 1, WAIT, "answered right after the restart");
    }
  }

  @Test
  void freeTextOutsideTheWindowIsNotSentAndSaysWhy() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.take(bot.text("79000000001", "hello"));
      bot.database.transactions().writing(s -> s.update("UPDATE conversations SET window_closed = 1"));
      bot.start();
      await(() -> bot.inbox.counts().getOrDefault("failed", 0L) == 1, WAIT, "refused by the window rule");
      assertEquals(0, bot.graph.calls);
      String error = bot.database.transactions().read(s -> s.first("SELECT last_error FROM inbox", r -> r.text(1)))
          .orElseThrow();
      assertTrue(error.contains("24-hour window"), error);
    }
  }

  @Test
  void blockedNotAllowedAndIgnoredMessagesGetNothing() throws Exception {
    try (BotCore bot = new BotCore(dir, BotCore.config(List.of("79000000001", "79000000003"), List.of("79000000003")))) {
      bot.start();
      bot.deliver(bot.text("79000000003", "blocked"), bot.text("79000000002", "stranger"),
          bot.reaction("79000000001"), bot.text("79000000001", "/reset"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "the allowed one answered");
      Map<String, Long> counts = bot.inbox.counts();
      assertEquals(1, counts.get("blocked"));
      assertEquals(1, counts.get("not_allowed"));
      assertEquals(1, counts.get("ignored"));
      assertEquals(2, bot.graph.all().size());
      assertTrue(bot.graph.all().stream().allMatch(s -> s.phone().equals("79000000001")));
    }
  }

  @Test
  void anAiFailureAnswersPolitelyWithTheMenu() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.down = true;
      bot.start();
      bot.deliver(bot.text("79000000001", "what does it cost?"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "answered");
      assertEquals(2, bot.graph.all().size());
      assertTrue(bot.graph.texts("79000000001").get(0).startsWith("Извините"), bot.graph.texts("79000000001").toString());
    }
  }

  private static Reply send(InboundMessage m, String text) {
    return Reply.Send.of(new dev.wabots.whatsapp.TextMessage(text, false).to(m.from()));
  }
}
