package dev.wabots.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the orchestrator keeps things on disk. The launcher passes absolute paths as system
 * properties; the defaults are relative to the working directory.
 */
@ApplicationScoped
public class Locations {

  @Inject
  @ConfigProperty(name = "wabots.data.dir", defaultValue = "data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "wabots.logs.dir", defaultValue = "logs")
  String logsDir;

  @Inject
  @ConfigProperty(name = "wabots.runtime.dir", defaultValue = "server-config/target/runtime")
  String runtimeDir;

  /** The data folder: databases, keys, pid files. */
  public Path data() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  public Path keys() {
    return data().resolve("keys");
  }

  /** Bot and orchestrator log files. */
  public Path logs() {
    return Path.of(logsDir).toAbsolutePath().normalize();
  }

  /** payara-micro.jar, bot-app.war and the JVM option files for bots. */
  public Path runtime() {
    return Path.of(runtimeDir).toAbsolutePath().normalize();
  }
}
