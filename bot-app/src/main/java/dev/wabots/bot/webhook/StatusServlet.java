package dev.wabots.bot.webhook;

import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.health.OptimizingCompiler;
import dev.wabots.bot.inbox.Inbox;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import dev.wabots.funnel.store.StoreException;
import java.time.Instant;

/**
 * The bot's own status for the orchestrator: webhook handshake and traffic, Graph token health,
 * inbox counts. Only for the holder of this process's token (the port faces the internet).
 */
@WebServlet(urlPatterns = "/status")
public class StatusServlet extends HttpServlet {

  private static final Logger LOG = System.getLogger(StatusServlet.class.getName());

  @Inject transient Configuration configuration;

  @Inject transient WebhookStats stats;

  @Inject transient GraphClient graph;

  @Inject transient Inbox inbox;

  @Inject transient OptimizingCompiler compiler;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
    Answers.onlyMethods(req, resp, "GET");
    if (!resp.isCommitted()) {
      super.service(req, resp);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String token = Identity.token();
    String authorization = req.getHeader("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (token == null || authorization == null
        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
      Answers.error(resp, 401, "unauthorized", "the bot's own token is required");
      return;
    }
    if (!configuration.loaded()) {
      Answers.error(resp, 503, "starting", "this bot is not started yet");
      return;
    }
    JsonObjectBuilder counts = Jsons.JSON.createObjectBuilder();
    try {
      inbox.counts().forEach(counts::add);
    } catch (StoreException e) {
      LOG.log(Level.ERROR, "Cannot count the inbox for the status: {0}", e.getMessage());
      Answers.error(resp, 503, "unavailable", "the bot's database does not answer: " + e.getMessage());
      return;
    }
    JsonObjectBuilder json = Jsons.JSON.createObjectBuilder()
        .add("instance", configuration.settings().id())
        .add("mode", configuration.settings().mode())
        .add("token_invalid", graph.tokenProblem() != null)
        .add("webhooks_accepted", stats.accepted())
        .add("messages_received", stats.messages())
        .add("duplicates_ignored", stats.duplicates())
        .add("statuses_received", stats.statuses())
        .add("signatures_refused", stats.badSignatures())
        .add("bad_requests", stats.badRequests())
        .add("inbox", counts)
        .add("c2_compiler", compiler.state());
    add(json, "token_problem", graph.tokenProblem());
    add(json, "last_verification_at", stats.lastVerification());
    add(json, "last_signed_webhook_at", stats.lastSignedWebhook());
    add(json, "c2_compiler_since", compiler.releasedAt());
    Answers.json(resp, 200, json.build().toString());
  }

  private static void add(JsonObjectBuilder json, String name, Object value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value instanceof Instant i ? i.toString() : value.toString());
    }
  }
}
