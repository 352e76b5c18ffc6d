package dev.wabots.bot.health;

import dev.wabots.bot.config.Identity;
import dev.wabots.bot.os.MemoryMerging;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Starts the bot ({@link BotStart}) and then tells readiness that the web module serves (Payara
 * answers {@code /health/ready} before the application does). Plain CDI, no EJB container: a bot
 * starts faster without one. A pre-started spare (no instance yet) runs the same sequence when
 * the orchestrator hands it a bot ({@link dev.wabots.bot.spare.AdoptServlet}).
 */
@WebListener
public class StartupListener implements ServletContextListener {

  private static final Logger LOG = System.getLogger(StartupListener.class.getName());
  private static volatile boolean started;

  @Inject BotStart start;

  @Inject dev.wabots.bot.logs.BotLog log;

  static boolean started() {
    return started;
  }

  /** Whether this process waits, booted, for the orchestrator to hand it a bot. */
  public static boolean spare() {
    return Identity.instanceId() == null && System.getenv("WA_SPARE_SECRET") != null;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    log.start(); // a spare's log too
    MemoryMerging.offer();
    if (spare()) {
      LOG.log(Level.INFO, "Pre-started spare: booted, waiting for the orchestrator to hand it a bot");
      return;
    }
    start.run();
  }

  /** The start sequence is over: readiness may turn UP. */
  static void markStarted() {
    started = true;
  }
}
