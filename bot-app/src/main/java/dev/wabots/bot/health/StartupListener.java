package dev.wabots.bot.health;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Payara answers {@code /health/ready} before the application serves requests; readiness waits
 * until the web module has started.
 */
@WebListener
public class StartupListener implements ServletContextListener {

  private static volatile boolean started;

  static boolean started() {
    return started;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    started = true;
  }
}
