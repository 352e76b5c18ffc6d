package dev.wabots.processes.boundary;

import dev.wabots.platform.Locations;
import dev.wabots.processes.control.LogFileHandler;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the log folder bounded: every 15 s, a log larger than {@code wabots.logs.max-mb} is
 * rotated, keeping {@code wabots.logs.keep} older files ({@code .1} newest). The orchestrator's own
 * log is renamed away and reopened by its {@link LogFileHandler}; running bots on JDK 22 or later
 * (and spares) rotate their own output the same way (told the limits at spawn), so their logs are
 * left to them. The rest — logs of stopped bots, of bots on an older JDK, of unknown writers — is
 * copied and cut here (lossless where nothing writes; see {@link LogRotation}). The panel's log view and download read across the rotation.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LogRotator {

  private static final Logger LOG = System.getLogger(LogRotator.class.getName());
  /** The orchestrator's own log in the log folder (the launcher's FileHandler pattern). */
  public static final String ORCHESTRATOR_LOG = "orchestrator.log";

  @Inject Locations locations;

  @Inject BotProcesses bots;

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
    int kept = Math.max(1, keep);
    // Every time, not once: a logging configuration read again would bring the FileHandler back.
    Optional<LogFileHandler> own = LogFileHandler.takeOver(dir.resolve(ORCHESTRATOR_LOG));
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
      for (Path log : logs) {
        try {
          boolean rotated;
          if (own.isPresent() && own.get().file().equals(log)) {
            rotated = own.get().rotateIfOver(max, kept);
          } else if (bots.logRotatedByItsWriter(log.getFileName().toString())) {
            continue;
          } else {
            rotated = LogRotation.rotateIfOver(log, max, kept);
          }
          if (rotated) {
            LOG.log(Level.INFO, "Log {0} rotated at {1} MB (keeping {2} older files)", log.getFileName(), maxMb, kept);
          }
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "Cannot rotate {0}: {1}", log, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Cannot list the log folder {0}: {1}", dir, e.getMessage());
    }
  }
}
