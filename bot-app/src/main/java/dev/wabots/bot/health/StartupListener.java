package dev.wabots.bot.health;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.bot.store.BotDatabase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the bot in order — configuration from the orchestrator, its database, the processor
 * (which resumes unfinished work) — and then tells readiness that the web module serves (Payara
 * answers {@code /health/ready} before the application does). Plain CDI, no EJB container: a bot
 * starts faster without one.
 */
@WebListener
public class StartupListener implements ServletContextListener {

  private static volatile boolean started;

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Processor processor;

  static boolean started() {
    return started;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    configuration.load();
    database.open();
    processor.start();
    started = true;
  }
}
