package dev.wabots.admin.web;

import dev.wabots.platform.WebStarted;
import dev.wabots.processes.control.OrchestratorRecording;
import java.time.Duration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Tells readiness that the web module is up; an orchestrator that records its ahead-of-time cache
 * ends the recording two seconds later, once Payara has finished its boot (what loads later is not
 * in the cache; a recording that waits longer is lost more often to an early stop).
 */
@WebListener
public class StartupListener implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    WebStarted.mark();
    OrchestratorRecording.endAfter(Duration.ofSeconds(2));
  }
}
