package dev.wabots.admin.health;

import dev.wabots.platform.SchemaMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and every migration is applied. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject SchemaMigrations migrations;

  @Override
  public HealthCheckResponse call() {
    var problem = migrations.problem();
    var response = HealthCheckResponse.named("database");
    return problem.isEmpty()
        ? response.up().withData("schema_version", migrations.current()).build()
        : response.down().withData("problem", problem.get()).build();
  }
}
