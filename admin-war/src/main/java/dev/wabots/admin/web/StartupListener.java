package dev.wabots.admin.web;

import dev.wabots.platform.WebStarted;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Tells readiness that the web module is up. */
@WebListener
public class StartupListener implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    WebStarted.mark();
  }
}
