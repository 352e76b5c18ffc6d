package dev.wabots.admin.health;

import dev.wabots.metrics.boundary.FleetHealth;
import dev.wabots.platform.WebStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The fleet in {@code /health}: which bots need attention and why (their ids and the kinds only —
 * {@code /health} is anonymous; the details are in the panel and the API). Always UP: a bot in
 * trouble does not make the orchestrator unready.
 */
@Readiness
@ApplicationScoped
public class FleetTroubles implements HealthCheck {

  @Inject FleetHealth health;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("fleet").up();
    if (!WebStarted.yes()) {
      return response.build();
    }
    Map<String, String> byBot;
    try {
      byBot = health.all().stream().collect(Collectors.groupingBy(FleetHealth.BotTrouble::bot, TreeMap::new,
          Collectors.mapping(FleetHealth.BotTrouble::kind, Collectors.joining(","))));
    } catch (RuntimeException starting) {
      return response.build();
    }
    response.withData("bots_in_trouble", byBot.size());
    byBot.forEach((bot, kinds) -> response.withData("bot." + bot, kinds));
    return response.build();
  }
}
