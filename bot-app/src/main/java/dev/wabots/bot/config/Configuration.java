package dev.wabots.bot.config;

import dev.wabots.bot.http.JsonHttp;
import dev.wabots.contract.BotConfiguration;
import dev.wabots.contract.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Loads this bot's configuration from the orchestrator at start, with five attempts and a
 * doubling pause. A bot that cannot get its configuration has nothing to do: it exits with
 * status {@value #EXIT_NO_CONFIG} after one clear log line, and the supervisor records why.
 */
@ApplicationScoped
public class Configuration {

  private static final Logger LOG = System.getLogger(Configuration.class.getName());
  static final int ATTEMPTS = 5;
  static final long FIRST_PAUSE_MS = 500;
  /** EX_CONFIG from sysexits.h. */
  public static final int EXIT_NO_CONFIG = 78;

  @Inject Orchestrator orchestrator;

  private volatile BotConfiguration settings;

  /** A configuration given directly (unit tests of the bot's core). */
  public void use(BotConfiguration given) {
    settings = given;
  }

  /** Called once at start by {@link dev.wabots.bot.health.StartupListener}. */
  public void load() {
    String instance = Identity.instanceId();
    String token = Identity.token();
    if (instance == null || token == null || System.getenv("ORCHESTRATOR_URL") == null) {
      fail("WA_INSTANCE_ID, WA_INTERNAL_TOKEN and ORCHESTRATOR_URL must be set by the orchestrator");
    }
    String lastError = null;
    long pause = FIRST_PAUSE_MS;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        BotConfiguration loaded;
        JsonHttp.Answer r = orchestrator.config();
        String body = r.body();
        if (r.status() != 200) {
          throw new IllegalStateException("HTTP " + r.status() + " " + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        loaded = ContractJson.read(body, BotConfiguration.Answer.class).instance();
        if (loaded == null) {
          throw new IllegalStateException("the answer has no instance");
        }
        if (!instance.equals(loaded.id())) {
          fail("the orchestrator answered with the configuration of '" + loaded.id() + "', not '" + instance + "'");
        }
        if (loaded.live() && (loaded.appSecret() == null || loaded.appSecret().isEmpty())) {
          fail("live mode without an app secret: webhook signatures could not be verified");
        }
        settings = loaded;
        LOG.log(Level.INFO, "Configuration loaded for bot {0} ({1} mode, attempt {2})", instance, loaded.mode(), attempt);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while loading the configuration from " + System.getenv("ORCHESTRATOR_URL"));
      } catch (RuntimeException | IOException e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.log(Level.WARNING, "Configuration attempt {0}/{1} for bot {2} failed: {3}", attempt, ATTEMPTS, instance, lastError);
      }
      if (attempt < ATTEMPTS) {
        sleep(pause);
        pause *= 2;
      }
    }
    fail("cannot load the configuration from " + System.getenv("ORCHESTRATOR_URL") + " after " + ATTEMPTS
        + " attempts: " + lastError);
  }

  public BotConfiguration settings() {
    return settings;
  }

  public boolean loaded() {
    return settings != null;
  }

  private static void fail(String why) {
    LOG.log(Level.ERROR, "Bot cannot start: {0}; exiting with status {1}", why, EXIT_NO_CONFIG);
    System.out.flush();
    System.err.flush();
    // halt, not exit: shutdown hooks would wait for the deployment this thread is running.
    Runtime.getRuntime().halt(EXIT_NO_CONFIG);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
