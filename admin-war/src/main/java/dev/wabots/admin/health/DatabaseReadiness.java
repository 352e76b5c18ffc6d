package dev.wabots.admin.health;

import dev.wabots.platform.SchemaMigrations;
import dev.wabots.platform.WebStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the web module serves, the database answers and every migration is applied. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject SchemaMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    if (!WebStarted.yes()) {
      return response.down().withData("problem", "the application is still starting").build();
    }
    java.util.Optional<String> problem;
    try {
      problem = migrations.problem();
    } catch (RuntimeException starting) {
      return response.down().withData("problem", "the application is still starting").build();
    }
    return problem.isEmpty()
        ? response.up().withData("schema_version", migrations.current()).build()
        : response.down().withData("problem", problem.get()).build();
  }
}
