package dev.wabots.bot.health;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.events.EventPublisher;
import dev.wabots.bot.handoff.Conversation;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.bot.store.BotDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The bot's start sequence, in order: configuration from the orchestrator, its database, the
 * processor (which resumes unfinished work), the event publisher, the conversations' timers
 * and the metrics reporter.
 */
@ApplicationScoped
public class BotStart {

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Processor processor;

  @Inject EventPublisher publisher;

  @Inject Conversation conversation;

  @Inject dev.wabots.bot.metrics.MetricsReporter metrics;
  @Inject dev.wabots.bot.media.MediaRetention retention;
  @Inject dev.wabots.bot.store.TextRetention textRetention;

  /** Runs the sequence; {@code beforeReady} after it and before readiness turns UP. */
  public void run(Runnable... beforeReady) {
    configuration.load();
    database.open();
    processor.start();
    if (database.problem() == null) {
      publisher.start();
      conversation.start();
      metrics.start();
      retention.start();
      textRetention.start();
    }
    for (Runnable r : beforeReady) {
      r.run();
    }
    StartupListener.markStarted();
  }
}
