package dev.wabots.processes.control;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The orchestrator's own log file, rotated by the writer itself: under the lock every record is
 * written with, the file is renamed to {@code .1} (older ones shifted) and a new one is opened, so
 * every record lands in exactly one of the two files — none is lost between a copy and a cut, none
 * is written twice. Takes the place of the {@link FileHandler} the launcher configures (JUL's own
 * rotation would name the current file {@code orchestrator.log.0}).
 */
public final class LogFileHandler extends StreamHandler {

  private final Path file;

  public LogFileHandler(Path file, Formatter formatter, Level level, String encoding, Filter filter) {
    this.file = file;
    setFormatter(formatter);
    setLevel(level);
    setFilter(filter);
    try {
      setEncoding(encoding);
    } catch (UnsupportedEncodingException e) {
      throw new IllegalArgumentException("unknown encoding " + encoding, e);
    }
    setOutputStream(open(file));
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    super.publish(record);
    flush(); // like FileHandler: a record is in the file when the call returns
  }

  /**
   * Rotates the file when it is larger than {@code maxBytes}, keeping {@code keep} older files.
   * @return whether it did
   */
  public synchronized boolean rotateIfOver(long maxBytes, int keep) throws IOException {
    flush();
    if (!Files.isRegularFile(file)) {
      setOutputStream(open(file)); // removed by hand: go on in a new one rather than in the void
      return false;
    }
    if (Files.size(file) <= maxBytes) {
      return false;
    }
    LogRotation.renameAway(file, keep);
    setOutputStream(open(file)); // closes the old stream: its last bytes are in .1 now
    return true;
  }

  private static FileOutputStream open(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      return new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the root logger's {@link FileHandler} by one of these when the launcher configured it
   * for {@code file} (its pattern in the logging properties); empty when this process's log is
   * written some other way (tests, an unknown launcher). A record logged during the swap itself may
   * be written by both handlers.
   */
  public static synchronized Optional<LogFileHandler> takeOver(Path file) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof LogFileHandler mine && mine.file.equals(file)) {
        return Optional.of(mine);
      }
    }
    String pattern = LogManager.getLogManager().getProperty(FileHandler.class.getName() + ".pattern");
    if (pattern == null || !Path.of(pattern).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    for (Handler h : root.getHandlers()) {
      if (h instanceof FileHandler configured) {
        LogFileHandler mine = new LogFileHandler(file, configured.getFormatter(), configured.getLevel(),
            configured.getEncoding(), configured.getFilter());
        root.addHandler(mine);
        root.removeHandler(configured);
        configured.close();
        System.getLogger(LogFileHandler.class.getName()).log(System.Logger.Level.INFO,
            "The log {0} is rotated by its writer from now on", file);
        return Optional.of(mine);
      }
    }
    return Optional.empty();
  }
}
