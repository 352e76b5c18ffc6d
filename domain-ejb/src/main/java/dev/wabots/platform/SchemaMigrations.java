package dev.wabots.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Applies the orchestrator's schema migrations before anything else touches the database. Other
 * startup beans {@code @DependsOn} it; readiness asks it whether the schema is current.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

  private static final Logger LOG = System.getLogger(SchemaMigrations.class.getName());

  @Resource(lookup = "jdbc/wabots")
  DataSource dataSource;

  private volatile String failure;
  private volatile String version;

  @PostConstruct
  void migrate() {
    try {
      Flyway flyway = OrchestratorSchema.flyway(dataSource, getClass().getClassLoader());
      var result = flyway.migrate();
      MigrationInfo current = flyway.info().current();
      version = current == null ? "none" : current.getVersion().getVersion();
      LOG.log(
          Level.INFO,
          "Orchestrator schema at version {0} ({1} migration(s) applied now)",
          version,
          result.migrationsExecuted);
    } catch (RuntimeException e) {
      failure = e.getMessage();
      LOG.log(Level.ERROR, "Orchestrator schema migration failed: {0}", e.getMessage());
      throw e;
    }
  }

  /**
   * Empty when the database answers and the migrations ran at start; otherwise why not. (The
   * schema cannot fall behind while this process runs: migrations ship with the code.)
   */
  public java.util.Optional<String> problem() {
    if (failure != null) {
      return java.util.Optional.of("migration failed: " + failure);
    }
    if (version == null) {
      return java.util.Optional.of("migrations not applied yet");
    }
    try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("SELECT 1");
    } catch (SQLException e) {
      return java.util.Optional.of("database unreachable: " + e.getMessage());
    }
    return java.util.Optional.empty();
  }

  /** The schema version applied at start. */
  public String current() {
    return version == null ? "none" : version;
  }
}
