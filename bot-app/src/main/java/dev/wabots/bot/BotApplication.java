package dev.wabots.bot;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** One WhatsApp bot: the Meta webhook on this process's port, plus health. */
@ApplicationPath("/")
public class BotApplication extends Application {

  @Override
  public java.util.Map<String, Object> getProperties() {
    // No WADL document: nobody reads it, and generating it costs start time.
    return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
