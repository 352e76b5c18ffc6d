package dev.wabots.bot.health;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.bot.store.BotDatabase;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Starts the bot in order — configuration from the orchestrator, its database, the processor
 * (which resumes unfinished work) — and then tells readiness that the web module serves (Payara
 * answers {@code /health/ready} before the application does). Plain CDI, no EJB container: a bot
 * starts faster without one. A pre-started spare (no instance yet) runs the same sequence when
 * the orchestrator hands it a bot ({@link dev.wabots.bot.spare.AdoptServlet}).
 */
@WebListener
public class StartupListener implements ServletContextListener {

  private static final Logger LOG = System.getLogger(StartupListener.class.getName());
  private static volatile boolean started;

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Inject Processor processor;

  static boolean started() {
    return started;
  }

  /** Whether this process waits, booted, for the orchestrator to hand it a bot. */
  public static boolean spare() {
    return Identity.instanceId() == null && System.getenv("WA_SPARE_SECRET") != null;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (spare()) {
      LOG.log(Level.INFO, "Pre-started spare: booted, waiting for the orchestrator to hand it a bot");
      return;
    }
    startBot(configuration, database, processor);
  }

  /**
   * The bot's start sequence. {@code beforeReady} runs after it and before readiness turns UP (a
   * spare moves to the bot's port there).
   */
  public static void startBot(Configuration configuration, BotDatabase database, Processor processor,
      Runnable... beforeReady) {
    configuration.load();
    database.open();
    processor.start();
    for (Runnable r : beforeReady) {
      r.run();
    }
    started = true;
  }
}
