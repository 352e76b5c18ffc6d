package dev.wabots.bot.health;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.store.BotDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the configuration is loaded and the bot's database answers. */
@Readiness
@ApplicationScoped
public class BotReadiness implements HealthCheck {

  @Inject Configuration configuration;

  @Inject BotDatabase database;

  @Override
  public HealthCheckResponse call() {
    var r = HealthCheckResponse.named("bot");
    if (StartupListener.spare()) {
      return r.down().withData("problem", "a pre-started spare, waiting for the orchestrator to hand it a bot").build();
    }
    if (!StartupListener.started()) {
      return r.down().withData("problem", "the application is still starting").build();
    }
    if (!configuration.loaded()) {
      return r.down().withData("problem", "configuration not loaded").build();
    }
    String problem = database.problem();
    if (problem != null) {
      return r.down().withData("problem", "database: " + problem).build();
    }
    return r.up().withData("instance", configuration.settings().id())
        .withData("mode", configuration.settings().mode()).build();
  }
}
