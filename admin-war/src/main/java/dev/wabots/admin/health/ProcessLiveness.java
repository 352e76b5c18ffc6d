package dev.wabots.admin.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the application answers; reports heap headroom for the curious. */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return HealthCheckResponse.named("orchestrator")
        .up()
        .withData("heap_used_mb", used / (1024 * 1024))
        .withData("heap_max_mb", rt.maxMemory() / (1024 * 1024))
        .build();
  }
}
