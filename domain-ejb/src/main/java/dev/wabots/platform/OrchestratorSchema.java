package dev.wabots.platform;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The one Flyway configuration for {@code secretary.db}, shared by the server and the
 * command-line tool so that both apply exactly the same migrations.
 */
public final class OrchestratorSchema {

  public static final String LOCATION = "classpath:db/orchestrator";

  private OrchestratorSchema() {}

  public static Flyway flyway(DataSource dataSource, ClassLoader loader) {
    return Flyway.configure(loader)
        .dataSource(dataSource)
        .locations(LOCATION)
        .table("schema_history")
        .validateMigrationNaming(true)
        .load();
  }

  public static Flyway flyway(String jdbcUrl, ClassLoader loader) {
    return Flyway.configure(loader)
        .dataSource(jdbcUrl, null, null)
        .locations(LOCATION)
        .table("schema_history")
        .validateMigrationNaming(true)
        .load();
  }
}
