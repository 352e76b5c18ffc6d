package dev.wabots.bot.logs;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * This process's log — its standard output and error, which the orchestrator pointed at
 * {@code WA_LOG_FILE} when it spawned it. Every 15 s it is rotated by {@link OutputRotation} once
 * larger than {@code WA_LOG_MAX_BYTES}, keeping {@code WA_LOG_KEEP} older files. Without the
 * settings, or on a Java before 22 (no {@code dup2}), the orchestrator rotates the file by copying.
 */
@ApplicationScoped
public class BotLog {

  private static final Logger LOG = System.getLogger(BotLog.class.getName());
  static final long CHECK_SECONDS = 15;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile OutputRotation rotation;

  /** Starts the checks (once, when the web module starts; a spare too). */
  public synchronized void start() {
    String file = System.getenv("WA_LOG_FILE");
    String max = System.getenv("WA_LOG_MAX_BYTES");
    String keep = System.getenv("WA_LOG_KEEP");
    if (rotation != null || file == null || max == null || keep == null || !OutputRedirect.available()) {
      return;
    }
    try {
      rotation = new OutputRotation(Path.of(file), Long.parseLong(max), Integer.parseInt(keep));
    } catch (NumberFormatException e) {
      LOG.log(Level.WARNING, "Log not rotated by the bot: WA_LOG_MAX_BYTES={0}, WA_LOG_KEEP={1} are no numbers", max, keep);
      return;
    }
    scheduler.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
  }

  /** The output goes to {@code file} from now on (a spare becoming a bot), and is rotated there. */
  public void moveTo(Path file) throws IOException {
    OutputRotation r = rotation;
    if (r != null) {
      r.moveTo(file);
    } else {
      OutputRedirect.appendTo(file);
    }
  }

  void check() {
    OutputRotation r = rotation;
    try {
      OutputRotation.Outcome done = r.check();
      if (done == OutputRotation.Outcome.ROTATED) {
        LOG.log(Level.INFO, "Log rotated: the older lines are in {0}.1", r.file().getFileName());
      } else if (done == OutputRotation.Outcome.REOPENED) {
        LOG.log(Level.INFO, "Log {0} was renamed or removed: writing to a new one", r.file().getFileName());
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot rotate the log {0}: {1}", r.file(), e.getMessage());
    }
  }
}
