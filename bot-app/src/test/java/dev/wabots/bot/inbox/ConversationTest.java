package dev.wabots.bot.inbox;

import static dev.wabots.bot.inbox.BotCore.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.contract.BotCommand;
import dev.wabots.contract.BotEvent;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.HandoffRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversation events in the outbox, hand-off to a person and back, operator messages. */
class ConversationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String CUSTOMER = "79000000001";

  @TempDir Path dir;

  private static List<BotEvent.Body> bodies(BotCore bot) {
    return bot.outbox.next(1000).stream().map(BotEvent::body).toList();
  }

  private static <T> List<T> of(BotCore bot, Class<T> type) {
    return bodies(bot).stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void everyMessageInAndOutAndEveryFunnelStepIsAnEventInOrder() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.deliver(bot.text(CUSTOMER, "привет"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "answered");
      List<BotEvent> events = bot.outbox.next(1000);
      assertInstanceOf(BotEvent.MessageIn.class, events.get(0).body());
      assertEquals("привет", ((BotEvent.MessageIn) events.get(0).body()).text());
      assertEquals("Анна", ((BotEvent.MessageIn) events.get(0).body()).name());
      assertTrue(events.stream().anyMatch(e -> e.body() instanceof BotEvent.FunnelStep), "the funnel's event");
      List<BotEvent.MessageOut> out = of(bot, BotEvent.MessageOut.class);
      assertEquals(bot.graph.all().size(), out.size(), "each accepted reply, once");
      assertEquals("bot", out.get(0).author());
      assertTrue(out.get(0).text().contains("["), "buttons rendered as the customer saw them: " + out.get(0).text());
      for (int i = 1; i < events.size(); i++) {
        assertEquals(events.get(i - 1).seq() + 1, events.get(i).seq(), "numbered without gaps");
      }
      bot.outbox.acknowledged(events.get(events.size() - 1).seq());
      assertEquals(0, bot.outbox.pending());
    }
  }

  @Test
  void aCustomerAskingForAPersonOrHittingAnAiFailureNeedsAPersonOnce() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.down = true;
      bot.start();
      bot.deliver(bot.text(CUSTOMER, "Позовите менеджера, пожалуйста"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "answered meanwhile");
      List<BotEvent.HandOff> handoffs = of(bot, BotEvent.HandOff.class);
      assertEquals(1, handoffs.size(), "one request, however many reasons: " + handoffs);
      assertEquals("needs_person", handoffs.get(0).state());
      assertEquals("asked_for_person", handoffs.get(0).reason());
      assertEquals(1, of(bot, BotEvent.AiFailed.class).size());
      assertEquals(1, bot.handoffs.waiting());
      assertFalse(bot.planner.asksForPerson("человековед и менеджмент"), "whole words only");
      assertTrue(bot.planner.asksForPerson("Можно поговорить с менеджером?"), "a word form of a stem*");
      assertTrue(bot.planner.asksForPerson("хочу с живым человеком"));
    }
  }

  /** The default rules with the given switches. */
  private static HandoffRules rules(boolean contact, boolean words, boolean aiFailure, boolean tooExpensive) {
    return new HandoffRules(contact, words, aiFailure, tooExpensive, 12);
  }

  private static List<String> reasons(BotCore bot) {
    return of(bot, BotEvent.HandOff.class).stream().map(BotEvent.HandOff::reason).toList();
  }

  @Test
  void theContactActionAndATooExpensiveQuoteAskForAPersonByDefault() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.deliver(bot.tap(CUSTOMER, "sales:contact"), bot.tap("79000000002", "sales:custom_expensive"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 2, WAIT, "answered");
      assertEquals(List.of("contact_requested", "too_expensive"), reasons(bot).stream().sorted().toList(),
          "too expensive: the shipped definition's objection_expensive event");
      assertEquals(2, bot.handoffs.waiting());
    }
  }

  @Test
  void withEverySwitchOffNoSituationAsksForAPersonAndTheBotStillAnswers() throws Exception {
    try (BotCore bot = new BotCore(dir, BotCore.settings().handoff(rules(false, false, false, false)).build())) {
      bot.assistant.down = true;
      bot.start();
      bot.deliver(bot.tap(CUSTOMER, "sales:contact"), bot.tap("79000000002", "sales:custom_expensive"),
          bot.text("79000000003", "Позовите менеджера, пожалуйста"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 3, WAIT, "answered");
      assertEquals(List.of(), of(bot, BotEvent.HandOff.class), "no hand-off request");
      assertEquals(0, bot.handoffs.waiting());
      assertEquals(1, of(bot, BotEvent.AiFailed.class).size(), "the AI failure is still recorded");
      assertTrue(bot.graph.to("79000000003").size() > 0, "the bot answered the customer itself");
    }
  }

  @Test
  void eachSwitchTurnsOffOnlyItsOwnSituation() throws Exception {
    try (BotCore bot = new BotCore(dir, BotCore.settings().handoff(rules(true, false, true, false)).build())) {
      bot.assistant.down = true;
      bot.start();
      bot.deliver(bot.text(CUSTOMER, "Позовите менеджера, пожалуйста"), bot.tap("79000000002", "sales:custom_expensive"),
          bot.tap("79000000003", "sales:contact"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 3, WAIT, "answered");
      List<BotEvent> handoffs = bot.outbox.next(1000).stream().filter(e -> e.body() instanceof BotEvent.HandOff).toList();
      assertEquals(List.of(CUSTOMER + ":ai_failed", "79000000003:contact_requested"),
          handoffs.stream().map(e -> e.phone() + ":" + ((BotEvent.HandOff) e.body()).reason()).sorted().toList(),
          "words and a too expensive quote are off; the AI failure and the contact action still ask");
    }
  }

  @Test
  void aSilentOperatorHandsBackAfterTheBotsOwnHoursByTheClock() throws Exception {
    try (BotCore bot = new BotCore(dir, BotCore.settings().handoff(new HandoffRules(true, true, true, true, 2)).build())) {
      bot.start();
      bot.take(bot.text(CUSTOMER, "hi"));
      bot.conversation.handle(new BotCommand.TakeOver(CUSTOMER, "olga"));
      bot.clock.advance(Duration.ofMinutes(119));
      bot.conversation.handBackSilent();
      assertTrue(bot.handoffs.of(CUSTOMER).isPresent(), "silent for 1 h 59 min: still with the person");
      bot.clock.advance(Duration.ofMinutes(1));
      bot.conversation.handBackSilent();
      assertTrue(bot.handoffs.of(CUSTOMER).isEmpty(), "2 hours: back with the bot");
      assertEquals("operator_silent", of(bot, BotEvent.HandOff.class).get(1).reason());
    }
  }

  @Test
  void anOperatorsReplyStartsTheSilenceAgainAndTheDefaultIsTwelveHours() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.take(bot.text(CUSTOMER, "hi"));
      bot.conversation.handle(new BotCommand.TakeOver(CUSTOMER, "olga"));
      bot.clock.advance(Duration.ofHours(11));
      assertTrue(bot.conversation.handle(new BotCommand.Reply(CUSTOMER, "olga", "Минуту, уточняю")).done());
      bot.clock.advance(Duration.ofHours(11));
      bot.conversation.handBackSilent();
      assertTrue(bot.handoffs.of(CUSTOMER).isPresent(), "22 h after the take-over, 11 h after the reply");
      bot.clock.advance(Duration.ofHours(1));
      bot.conversation.handBackSilent();
      assertTrue(bot.handoffs.of(CUSTOMER).isEmpty(), "12 h of silence");
    }
  }

  @Test
  void takenOverTheBotIsSilentButRecordsAndReadsAndAnOperatorReplyGoesOutAsTheOperator() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.deliver(bot.text(CUSTOMER, "/reset"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 1, WAIT, "the bot answered");
      int before = bot.graph.all().size();
      assertTrue(bot.conversation.handle(new BotCommand.TakeOver(CUSTOMER, "olga")).done());
      bot.deliver(bot.text(CUSTOMER, "сколько стоит?"));
      await(() -> bot.inbox.counts().getOrDefault("with_person", 0L) == 1, WAIT, "recorded, not answered");
      assertEquals(before, bot.graph.all().size(), "the bot said nothing");
      assertEquals(2, bot.graph.read.size(), "read receipts still go");
      assertTrue(bot.assistant.questions.isEmpty(), "no AI while a person has the customer");

      CommandResult reply = bot.conversation.handle(new BotCommand.Reply(CUSTOMER, "olga", "Здравствуйте! От 50 000 ₽."));
      assertTrue(reply.done(), reply.toString());
      await(() -> bot.graph.texts(CUSTOMER).contains("Здравствуйте! От 50 000 ₽."), WAIT, "the operator's reply");
      List<BotEvent.MessageOut> out = of(bot, BotEvent.MessageOut.class);
      assertEquals("olga", out.get(out.size() - 1).author());

      assertTrue(bot.conversation.handle(new BotCommand.HandBack(CUSTOMER, "olga", null)).done());
      await(() -> bot.graph.all().size() == before + 3, WAIT, "the operator's reply, the 'I am back' line and the menu");
      assertTrue(bot.graph.texts(CUSTOMER).get(bot.graph.texts(CUSTOMER).size() - 1).startsWith("Снова на связи"));
      bot.deliver(bot.text(CUSTOMER, "а сроки?"));
      await(() -> bot.assistant.questions.contains("а сроки?"), WAIT, "the bot answers again");
      List<String> states = of(bot, BotEvent.HandOff.class).stream().map(BotEvent.HandOff::state).toList();
      assertEquals(List.of("with_person", "bot"), states);
    }
  }

  @Test
  void freeTextOutsideTheWindowIsRefusedWithTheReasonAndATemplateStillGoes() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      CommandResult refused = bot.conversation.handle(new BotCommand.Reply("79000000009", "olga", "Hello"));
      assertFalse(refused.done());
      assertEquals("window_closed", refused.error());
      assertTrue(refused.message().contains("24 hours"), refused.message());
      CommandResult template = bot.conversation.handle(
          new BotCommand.SendTemplate("79000000009", "olga", "hello_world", "en_US", List.of()));
      assertTrue(template.done(), template.toString());
      await(() -> bot.graph.to("79000000009").size() == 1, WAIT, "the template went");
      assertTrue(bot.graph.to("79000000009").get(0).request().contains("\"template\""));
    }
  }

  @Test
  void silentOperatorsHandTheCustomerBackAutomatically() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.take(bot.text(CUSTOMER, "hi")); // the window is open
      bot.conversation.handle(new BotCommand.TakeOver(CUSTOMER, "olga"));
      bot.conversation.handBackSilent(Duration.ofHours(12));
      assertTrue(bot.handoffs.of(CUSTOMER).isPresent(), "not silent for 12 hours yet");
      bot.conversation.handBackSilent(Duration.ZERO);
      assertTrue(bot.handoffs.of(CUSTOMER).isEmpty());
      assertEquals("operator_silent", of(bot, BotEvent.HandOff.class).get(1).reason());
    }
  }

  @Test
  void erasingACustomerForgetsEverythingAndTellsTheOrchestrator() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      bot.deliver(bot.text(CUSTOMER, "привет"), bot.text("79000000002", "привет"));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 2, WAIT, "answered");
      assertTrue(bot.conversation.handle(new BotCommand.Erase(CUSTOMER, "admin")).done());
      assertEquals(0L, (long) bot.database.transactions().read(s -> s.number(
          "SELECT (SELECT COUNT(*) FROM inbox WHERE phone = ?) + (SELECT COUNT(*) FROM users WHERE user_id = ?)"
              + " + (SELECT COUNT(*) FROM outbound WHERE phone = ?)", -1, CUSTOMER, CUSTOMER, CUSTOMER)));
      List<BotEvent> left = bot.outbox.next(1000).stream().filter(e -> e.phone().equals(CUSTOMER)).toList();
      assertEquals(1, left.size());
      assertInstanceOf(BotEvent.Erased.class, left.get(0).body());
      assertTrue(bot.outbox.next(1000).stream().anyMatch(e -> e.phone().equals("79000000002")), "others kept");
    }
  }

  @Test
  void aPaymentIsConfirmedToTheCustomerOnceWithTheDefinitionsScreen() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      CommandResult closed = bot.conversation.handle(
          new BotCommand.PaymentReceived("79000000009", "payments", "5000.00", "op-0"));
      assertEquals("window_closed", closed.error(), "no window, no free-form confirmation");
      bot.take(bot.text(CUSTOMER, "hi"));
      BotCommand.PaymentReceived paid = new BotCommand.PaymentReceived(CUSTOMER, "payments", "4975.50", "op-1");
      assertEquals("queued", bot.conversation.handle(paid).message());
      assertEquals("already confirmed to the customer", bot.conversation.handle(paid).message(), "once per payment");
      await(() -> bot.graph.to(CUSTOMER).stream().anyMatch(m -> m.request().contains("4\u00a0975,50")), WAIT,
          "the payment_received screen with the amount");
      assertEquals(1, bot.graph.to(CUSTOMER).stream().filter(m -> m.request().contains("4\u00a0975,50")).count());
      assertThrows(IllegalArgumentException.class, () -> bot.conversation.handle(
          new BotCommand.PaymentReceived(CUSTOMER, "payments", "lots", "op-2")));
    }
  }

  @Test
  void aScreenOfTheFunnelIsShownOnRequestInsideTheWindow() throws Exception {
    try (BotCore bot = new BotCore(dir)) {
      bot.start();
      assertEquals("window_closed", bot.conversation.handle(
          new BotCommand.ShowScreen(CUSTOMER, "admin", "contact")).error());
      bot.take(bot.text(CUSTOMER, "hi"));
      assertEquals("queued", bot.conversation.handle(new BotCommand.ShowScreen(CUSTOMER, "admin", "contact")).message());
      await(() -> bot.graph.to(CUSTOMER).stream().anyMatch(m -> m.request().contains("nav:welcome")
          && m.request().contains("+7 800 000-00-00")), WAIT, "the contact screen with the profile's phone");
      assertEquals("needs_conversation", bot.conversation.handle(
          new BotCommand.ShowScreen(CUSTOMER, "admin", "basic_pay")).error(), "the payment link is the funnel's");
      assertThrows(IllegalArgumentException.class, () -> bot.conversation.handle(
          new BotCommand.ShowScreen(CUSTOMER, "admin", "no_such_screen")));
    }
  }
}
