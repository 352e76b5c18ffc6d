package dev.wabots.bot.webhook;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.graph.GraphClient;
import dev.wabots.bot.inbox.Inbox;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The bot's own status for the orchestrator: webhook handshake and traffic, Graph token health,
 * inbox counts. Only for the holder of this process's token (the port faces the internet).
 */
@Path("status")
public class StatusResource {

  @Inject Configuration configuration;

  @Inject WebhookStats stats;

  @Inject GraphClient graph;

  @Inject Inbox inbox;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response status(@HeaderParam("Authorization") String authorization) throws SQLException {
    String token = System.getenv("WA_INTERNAL_TOKEN");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (token == null || authorization == null
        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
      return Response.status(401).type(MediaType.APPLICATION_JSON)
          .entity("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"the bot's own token is required\"}").build();
    }
    JsonObjectBuilder counts = Json.createObjectBuilder();
    inbox.counts().forEach(counts::add);
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("instance", configuration.settings().id())
        .add("mode", configuration.settings().mode())
        .add("token_invalid", graph.tokenProblem() != null)
        .add("webhooks_accepted", stats.accepted())
        .add("messages_received", stats.messages())
        .add("duplicates_ignored", stats.duplicates())
        .add("statuses_received", stats.statuses())
        .add("signatures_refused", stats.badSignatures())
        .add("bad_requests", stats.badRequests())
        .add("inbox", counts);
    add(json, "token_problem", graph.tokenProblem());
    add(json, "last_verification_at", stats.lastVerification());
    add(json, "last_signed_webhook_at", stats.lastSignedWebhook());
    return Response.ok(json.build().toString()).build();
  }

  private static void add(JsonObjectBuilder json, String name, Object value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value instanceof Instant i ? i.toString() : value.toString());
    }
  }
}
