package dev.wabots.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.store.SqliteDatabase;
import dev.wabots.whatsapp.InboundMessage;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.WebhookParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {

  @TempDir Path dir;

  @Test
  void racingDeliveriesOfTheSameMessagesStoreEachExactlyOnce() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      List<InboundMessage> messages = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        messages.add(bot.text("7900000" + (1000 + i % 7), "m" + i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Inbox.Taken>> takes = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (InboundMessage m : messages) {
          takes.add(pool.submit(() -> bot.take(m)));
        }
      }
      int fresh = 0;
      int duplicates = 0;
      for (Future<Inbox.Taken> f : takes) {
        Inbox.Taken t = f.get(30, TimeUnit.SECONDS);
        fresh += t.newMessages().size();
        duplicates += t.duplicates();
      }
      pool.shutdown();
      assertEquals(50, fresh);
      assertEquals(150, duplicates);
      assertEquals(50L, (long) bot.inbox.counts().get("pending"));
    }
  }

  @Test
  void storedMessagesReadBackTypedInOrderPerCustomer() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      InboundMessage a = bot.text("79000000001", "first");
      InboundMessage b = bot.tap("79000000001", "sales:start_quiz");
      bot.take(a, bot.text("79000000002", "other"), b);
      List<InboxRow> rows = bot.inbox.unfinished("79000000001");
      assertEquals(List.of(a.id(), b.id()), rows.stream().map(r -> r.message().id()).toList());
      assertEquals(b.content(), rows.get(1).message().content());
      assertEquals(RowState.PENDING, rows.get(0).state());
      assertEquals(List.of("79000000001", "79000000002"), bot.inbox.phonesWithUnfinished());
    }
  }

  @Test
  void aRowThatNoLongerReadsIsFailedNotRetriedForever() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.take(bot.text("79000000001", "first"));
      bot.database.transactions().writing(s -> s.update("UPDATE inbox SET raw = '{broken'"));
      assertEquals(List.of(), bot.inbox.unfinished("79000000001"));
      assertEquals(1L, (long) bot.inbox.counts().get("failed"));
      assertEquals(List.of(), bot.inbox.phonesWithUnfinished());
    }
  }

  @Test
  void eventsForAnotherNumberAreAcknowledgedAndLeftAlone() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      Inbox.Taken taken = bot.inbox.accept(BotCore.batch(bot.text("79000000001", "hi")), "another-number");
      assertEquals(0, taken.newMessages().size());
      assertEquals(1, taken.foreign());
    }
  }

  /** A status webhook for this bot's number. */
  private static String statusWebhook(String wamid, String status) {
    String errors = status.equals("failed") ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]" : "";
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"1\",\"phone_number_id\":\""
        + BotCore.NUMBER_ID + "\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"1750000000\","
        + "\"recipient_id\":\"79000000001\"" + errors + "}]}}]}]}";
  }

  private static int statusesTaken(BotCore bot, String wamid, String status) throws InvalidWebhookException {
    return bot.inbox.accept(WebhookParser.parse(statusWebhook(wamid, status)), BotCore.NUMBER_ID).statuses();
  }

  /** The outbound row's status and which status times it has, e.g. "read d r" (delivered, read). */
  private static String outboundRow(BotCore bot, String wamid) {
    return bot.database.transactions().read(s -> s.first("SELECT status, reported_sent_at, delivered_at, read_at,"
        + " played_at, failed_at, error_code FROM outbound WHERE wamid = ?", r -> r.text(1)
        + (r.isNull(2) ? "" : " s") + (r.isNull(3) ? "" : " d") + (r.isNull(4) ? "" : " r") + (r.isNull(5) ? "" : " p")
        + (r.isNull(6) ? "" : " f") + (r.isNull(7) ? "" : " " + r.number(7)), wamid).orElse("none"));
  }

  private static long statusesTableRows(BotCore bot) {
    return bot.database.transactions().read(s -> s.number("SELECT COUNT(*) FROM statuses", 0));
  }

  private static void sentRow(BotCore bot, String wamid) {
    bot.database.transactions().writing(s -> {
      s.update("INSERT INTO outbound (wamid, phone, type, sent_at) VALUES (?, '79000000001', 'text', ?)",
          wamid, Instant.now().toString());
      DeliveryStatuses.takeOver(s, wamid);
    });
  }

  @Test
  void statusesOfASentMessageAreKeptOnItsRowOnceEachAndTheFurthestWins() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      sentRow(bot, "wamid.out.7");
      assertEquals("accepted", outboundRow(bot, "wamid.out.7"));
      assertEquals(1, statusesTaken(bot, "wamid.out.7", "sent"));
      assertEquals(1, statusesTaken(bot, "wamid.out.7", "read"));
      assertEquals("read s r", outboundRow(bot, "wamid.out.7"));
      // Meta's order is not guaranteed: a late delivered adds its time and leaves read.
      assertEquals(1, statusesTaken(bot, "wamid.out.7", "delivered"));
      assertEquals("read s d r", outboundRow(bot, "wamid.out.7"));
      assertEquals(0, statusesTaken(bot, "wamid.out.7", "read"), "a redelivery is not taken again");
      assertEquals(0, statusesTaken(bot, "wamid.out.7", "sent"));
      assertEquals(0L, statusesTableRows(bot), "nothing kept apart for a message with a row");
      sentRow(bot, "wamid.out.8");
      assertEquals(1, statusesTaken(bot, "wamid.out.8", "delivered"));
      assertEquals(1, statusesTaken(bot, "wamid.out.8", "failed"));
      assertEquals("failed d f 131026", outboundRow(bot, "wamid.out.8"));
    }
  }

  @Test
  void statusesReportedBeforeTheSendWasRecordedAreTakenOverByItsRow() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      // Meta may report sent and delivered before the lane has committed the Graph API's answer.
      assertEquals(1, statusesTaken(bot, "wamid.out.9", "sent"));
      assertEquals(1, statusesTaken(bot, "wamid.out.9", "delivered"));
      assertEquals(0, statusesTaken(bot, "wamid.out.9", "delivered"), "deduplicated while it waits");
      assertEquals(1, statusesTaken(bot, "wamid.out.9", "deleted"), "a kind this bot does not know is kept");
      assertEquals(3L, statusesTableRows(bot));
      sentRow(bot, "wamid.out.9");
      assertEquals("delivered s d", outboundRow(bot, "wamid.out.9"));
      assertEquals(1L, statusesTableRows(bot), "only the unknown kind stays apart");
      assertEquals(0, statusesTaken(bot, "wamid.out.9", "sent"), "still deduplicated once on the row");
      assertEquals(1, statusesTaken(bot, "wamid.out.9", "read"));
      assertEquals("read s d r", outboundRow(bot, "wamid.out.9"));
    }
  }

  @Test
  void aFailedDeliveryStatusWith131047ClosesTheWindow() throws InvalidWebhookException {
    try (BotCore bot = new BotCore(dir)) {
      bot.take(bot.text("79000000001", "hi"));
      assertFalse(bot.inbox.windowClosed("79000000001", Instant.now()));
      assertTrue(bot.inbox.windowClosed("79000000001", Instant.now().plusSeconds(25 * 3600)), "24 hours later");
      assertTrue(bot.inbox.windowClosed("79000000009", Instant.now()), "never wrote");
      String status = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\","
          + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"1\",\"phone_number_id\":\""
          + BotCore.NUMBER_ID + "\"},\"statuses\":[{\"id\":\"wamid.out.1\",\"status\":\"failed\",\"timestamp\":\"1750000000\","
          + "\"recipient_id\":\"79000000001\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]}]}}]}]}";
      Inbox.Taken taken = bot.inbox.accept(WebhookParser.parse(status), BotCore.NUMBER_ID);
      assertEquals(1, taken.statuses());
      assertEquals(0, bot.inbox.accept(WebhookParser.parse(status), BotCore.NUMBER_ID).statuses(), "deduplicated");
      assertTrue(bot.inbox.windowClosed("79000000001", Instant.now()));
    }
  }

  /**
   * A routine writer on {@code pool} that holds the database's write turn until {@code release}
   * counts down; returns once it holds the turn.
   */
  private static Future<?> holdWriteTurn(BotCore bot, ExecutorService pool, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    Future<?> routine = pool.submit(() -> bot.database.transactions().writing(s -> {
      inside.countDown();
      await(release);
    }));
    assertTrue(inside.await(10, TimeUnit.SECONDS), "the routine writer holds the write turn");
    return routine;
  }

  @Test
  void webhooksWaitingForABusyDatabaseAreStoredByOneLeaderNotOneWriteTurnEach() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      SqliteDatabase file = (SqliteDatabase) bot.database.transactions();
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(33);
      Future<?> routine = holdWriteTurn(bot, pool, release);
      long before = file.writeTransactions();
      CountDownLatch queued = new CountDownLatch(32);
      List<Future<Inbox.Taken>> takes = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        InboundMessage m = bot.text("7900000" + (2000 + i), "busy " + i);
        takes.add(pool.submit(() -> {
          queued.countDown();
          return bot.take(m);
        }));
      }
      assertTrue(queued.await(10, TimeUnit.SECONDS));
      Thread.sleep(300); // every intake thread is now waiting: one for the write turn, the others for it
      release.countDown();
      routine.get(10, TimeUnit.SECONDS);
      int fresh = 0;
      for (Future<Inbox.Taken> f : takes) {
        fresh += f.get(30, TimeUnit.SECONDS).newMessages().size();
      }
      pool.shutdown();
      assertEquals(32, fresh);
      long turns = file.writeTransactions() - before;
      assertTrue(turns <= 3, "32 waiting webhooks took " + turns + " write turns (the leader's group and stragglers)");
      assertEquals(32L, (long) bot.inbox.counts().get("pending"));
    }
  }

  @Test
  void moreWaitingWebhooksThanOneGroupTakesAreAllStoredAndNoneIsLeftWaiting() throws Exception {
    // Beyond a group's limit the leader leaves the rest queued and wakes the next in line; a wake-up lost
    // there (or for a batch queued just as the lead is given up) leaves a request thread waiting for ever.
    try (BotCore bot = new BotCore(dir)) {
      int threads = 300; // beyond what one group takes
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      Future<?> routine = holdWriteTurn(bot, pool, release);
      CountDownLatch queued = new CountDownLatch(threads);
      List<Future<Integer>> takes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int t = i;
        takes.add(pool.submit(() -> {
          queued.countDown();
          int fresh = 0;
          for (int round = 0; round < 5; round++) { // the first waits behind the held turn, the rest race
            fresh += bot.take(bot.text("79" + (100000000 + t), "burst " + t + "/" + round)).newMessages().size();
          }
          return fresh;
        }));
      }
      assertTrue(queued.await(10, TimeUnit.SECONDS));
      Thread.sleep(300);
      release.countDown();
      routine.get(10, TimeUnit.SECONDS);
      int fresh = 0;
      for (Future<Integer> f : takes) {
        fresh += f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(threads * 5, fresh);
      assertEquals((long) threads * 5, (long) bot.inbox.counts().get("pending"));
    }
  }

  @Test
  void anInterruptedWebhookStillQueuedFailsAloneAndKeepsItsInterrupt() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?> routine = holdWriteTurn(bot, pool, release);
      // The leader waits for the held write turn with the group it took; a batch queued after it waits
      // in the queue and is interrupted there.
      Future<Inbox.Taken> leader = pool.submit(() -> bot.take(bot.text("79000000010", "leader")));
      Thread.sleep(200);
      java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
      Thread follower = new Thread(() -> {
        try {
          bot.take(bot.text("79000000011", "follower"));
        } catch (Throwable e) {
          outcome.set(e);
          stillInterrupted.set(Thread.currentThread().isInterrupted());
        }
      });
      follower.start();
      Thread.sleep(200);
      follower.interrupt();
      follower.join(10_000);
      assertFalse(follower.isAlive());
      assertTrue(outcome.get() instanceof dev.wabots.funnel.store.StoreException, String.valueOf(outcome.get()));
      assertTrue(stillInterrupted.get(), "the thread's interrupt is kept for its caller");
      release.countDown();
      routine.get(10, TimeUnit.SECONDS);
      assertEquals(1, leader.get(10, TimeUnit.SECONDS).newMessages().size());
      pool.shutdown();
      assertEquals(1L, (long) bot.inbox.counts().get("pending"), "the interrupted batch was not stored");
    }
  }

  @Test
  void anErrorWhileStoringOneWebhookFailsItAloneAndTheOthersWaitingWithItAreStored() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      dev.wabots.bot.events.Outbox real = bot.inbox.outbox;
      java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
      String brokenPhone = "79000003001";
      bot.inbox.outbox = new dev.wabots.bot.events.Outbox(bot.database) {
        @Override
        public void append(dev.wabots.funnel.store.Session s, String phone, dev.wabots.contract.BotEvent.Body body) {
          if (broken.get() && phone.equals(brokenPhone)) {
            throw new StackOverflowError("deep");
          }
          real.append(s, phone, body);
        }
      };
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(5);
      Future<?> routine = holdWriteTurn(bot, pool, release);
      long before = ((SqliteDatabase) bot.database.transactions()).writeTransactions();
      List<Future<Inbox.Taken>> takes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        InboundMessage m = bot.text("7900000" + (3000 + i), "group " + i);
        takes.add(pool.submit(() -> bot.take(m)));
      }
      Thread.sleep(300); // all four queued behind the held write turn: they share a commit
      release.countDown();
      routine.get(10, TimeUnit.SECONDS);
      int stored = 0;
      for (int i = 0; i < 4; i++) {
        Future<Inbox.Taken> f = takes.get(i);
        if (i == 1) {
          java.util.concurrent.ExecutionException failed =
              assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
          assertTrue(failed.getCause() instanceof StackOverflowError, failed.toString());
        } else {
          stored += f.get(10, TimeUnit.SECONDS).newMessages().size();
        }
      }
      pool.shutdown();
      assertEquals(3, stored);
      assertTrue(((SqliteDatabase) bot.database.transactions()).writeTransactions() - before <= 2,
          "the webhooks waiting together shared their commit");
      assertEquals(3L, (long) bot.inbox.counts().get("pending"), "the three others were stored, the failed one not");
      broken.set(false);
      assertEquals(1, bot.take(bot.text(brokenPhone, "again")).newMessages().size(), "its redelivery is stored");
      assertEquals(4L, (long) bot.inbox.counts().get("pending"));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
