package dev.wabots.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the orchestrator and its bots reach each other over the network — the only way they talk:
 * bots call the orchestrator at {@link #orchestratorForBots()} (the internal API and, in sandbox
 * mode, the Graph API stand-in), and the orchestrator calls each bot at the host its launcher
 * reports (loopback for local bots). Set {@code WABOTS_BOT_ORCHESTRATOR_URL} when bots run
 * elsewhere (another network namespace, host or pod).
 */
@ApplicationScoped
public class BotNetwork {

  private static final Logger LOG = System.getLogger(BotNetwork.class.getName());

  @Inject
  @ConfigProperty(name = "wabots.port", defaultValue = "8002")
  int orchestratorPort;

  /** Absent: loopback (an empty default would be "no value" to MicroProfile Config). */
  @Inject
  @ConfigProperty(name = "wabots.bot.orchestrator-url")
  java.util.Optional<String> orchestratorUrl;

  @Inject
  @ConfigProperty(name = "wabots.graph.live-base", defaultValue = "https://graph.facebook.com")
  String liveGraphBase;

  /** The orchestrator's base URL as bots call it, without a trailing slash. */
  public String orchestratorForBots() {
    String configured = orchestratorUrl == null ? "" : orchestratorUrl.orElse("").strip();
    if (!configured.isEmpty()) {
      try {
        URI uri = URI.create(configured);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return configured.replaceAll("/+$", "");
        }
      } catch (IllegalArgumentException bad) {
        // reported below
      }
      LOG.log(Level.ERROR, "WABOTS_BOT_ORCHESTRATOR_URL must be an http(s) URL with a host; got \"{0}\": using loopback",
          configured);
    }
    return "http://127.0.0.1:" + orchestratorPort;
  }

  /** Where bots in sandbox mode send their Graph API calls. */
  public String sandboxGraphBase() {
    return orchestratorForBots() + "/sandbox/graph";
  }

  /** Where bots in live mode send them: Meta. */
  public String liveGraphBase() {
    return liveGraphBase;
  }
}
