package dev.wabots.bot.inbox;

import static dev.wabots.bot.inbox.BotCore.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.whatsapp.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood with the AI down must not flood the log: at 1 000 messages a second a bot's log grows
 * less than 1 MB a minute (it once grew 30 MB in three minutes, a line per message).
 */
class LogFloodTest {

  @TempDir Path dir;

  @Test
  void aFloodOfQuestionsWithTheAiDownWritesAFewLinesNotOnePerMessage() throws Exception {
    // Counts what the bot's logging would write, formatted as in bot-logging.properties.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s - %5$s%6$s%n");
    SimpleFormatter format = new SimpleFormatter();
    AtomicLong bytes = new AtomicLong();
    Handler counter = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
          bytes.addAndGet(format.format(r).getBytes(StandardCharsets.UTF_8).length);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger bots = Logger.getLogger("dev.wabots.bot");
    bots.addHandler(counter);
    int messages = 2_000;
    try (BotCore bot = new BotCore(dir)) {
      bot.assistant.down = true;
      bot.start();
      // Customers already past the greeting, so each message is a question for the AI.
      List<InboundMessage> greet = new ArrayList<>();
      for (int p = 0; p < 100; p++) {
        greet.add(bot.text(phone(p), "hello"));
      }
      bot.deliver(greet.toArray(InboundMessage[]::new));
      await(() -> bot.inbox.counts().getOrDefault("done", 0L) == 100, Duration.ofSeconds(60), "greeted");
      bytes.set(0);
      for (int round = 0; round < messages / 100; round++) {
        List<InboundMessage> batch = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
          batch.add(bot.text(phone(p), "what does it cost, " + round + "?"));
        }
        bot.deliver(batch.toArray(InboundMessage[]::new));
      }
      await(() -> finished(bot) == 100 + messages, Duration.ofSeconds(120), "all worked");
      assertTrue(bot.assistant.questions.size() >= 100, "the AI was asked: " + bot.assistant.questions.size());
    } finally {
      bots.removeHandler(counter);
    }
    long perMinuteAt1000PerSecond = bytes.get() * 60_000 / messages;
    assertTrue(perMinuteAt1000PerSecond < 1024 * 1024,
        bytes.get() + " bytes for " + messages + " messages: " + perMinuteAt1000PerSecond + " bytes a minute at 1 000/s");
  }

  /** Rows worked to an end (answered, handed to a person, failed …): all but pending and planned. */
  private static long finished(BotCore bot) {
    var counts = bot.inbox.counts();
    return counts.values().stream().mapToLong(Long::longValue).sum() - counts.getOrDefault("pending", 0L)
        - counts.getOrDefault("planned", 0L);
  }

  private static String phone(int p) {
    return Long.toString(79_000_100_000L + p);
  }
}
