package dev.wabots.ops;

import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The orchestrator database as the command-line tool opens it: the same file and the same
 * pragmas (WAL, synchronous=NORMAL, busy timeout, foreign keys) as the server's connection pool.
 */
final class OrchestratorDatabase {

  static final String FILE = "secretary.db";
  static final int BUSY_TIMEOUT_MS = 5000;

  private OrchestratorDatabase() {}

  static SQLiteDataSource open(Path dataDir) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + dataDir.resolve(FILE).toAbsolutePath());
    return ds;
  }
}
