package dev.wabots.processes.boundary;

import dev.wabots.platform.Locations;
import dev.wabots.processes.control.LogRotation;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the log folder bounded: every 15 s, the orchestrator's log and every bot's (and the
 * spare's) larger than {@code wabots.logs.max-mb} is rotated, keeping {@code wabots.logs.keep}
 * older files ({@code .1} newest). The panel's log view and download read across the rotation.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogRotator {

  private static final Logger LOG = System.getLogger(LogRotator.class.getName());

  @Inject Locations locations;

  /** The size a log may reach before it is rotated. */
  @Inject
  @ConfigProperty(name = "wabots.logs.max-mb", defaultValue = "20")
  int maxMb;

  /** How many rotated files of each log are kept. */
  @Inject
  @ConfigProperty(name = "wabots.logs.keep", defaultValue = "5")
  int keep;

  @Schedule(hour = "*", minute = "*", second = "*/15", timezone = "UTC", persistent = false,
      info = "rotate logs over wabots.logs.max-mb")
  void rotate() {
    Path dir = locations.logs();
    if (!Files.isDirectory(dir)) {
      return;
    }
    long max = Math.max(1, maxMb) * 1024L * 1024L;
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
      for (Path log : logs) {
        try {
          if (LogRotation.rotateIfOver(log, max, Math.max(1, keep))) {
            LOG.log(Level.INFO, "Log {0} rotated at {1} MB (keeping {2} older files)", log.getFileName(), maxMb, keep);
          }
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Cannot rotate {0}: {1}", log, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot list the log folder {0}: {1}", dir, e.getMessage());
    }
  }
}
