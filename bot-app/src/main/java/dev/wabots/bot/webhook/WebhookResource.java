package dev.wabots.bot.webhook;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.inbox.Inbox;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.whatsapp.InvalidWebhookException;
import dev.wabots.whatsapp.WebhookBatch;
import dev.wabots.whatsapp.WebhookParser;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Meta's webhook on this bot's port. GET: the subscription handshake. POST: verify the signature
 * over the raw bytes, parse, store every new message and status in one transaction, answer 200 —
 * then the processor answers asynchronously. Client mistakes get 4xx, never 5xx.
 */
@Path("webhook")
public class WebhookResource {

  private static final Logger LOG = System.getLogger(WebhookResource.class.getName());
  static final int MAX_BODY = 3 * 1024 * 1024;
  static final long MAX_DRAIN = 64L * 1024 * 1024;

  @Inject Configuration configuration;

  @Inject Inbox inbox;

  @Inject Processor processor;

  @Inject WebhookStats stats;

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
      @QueryParam("hub.challenge") String challenge) {
    String expected = configuration.settings().verifyToken();
    boolean ok = "subscribe".equals(mode) && expected != null && token != null && challenge != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    if (!ok) {
      LOG.log(Level.WARNING, "Webhook verification refused (mode {0}, token {1})", mode, token == null ? "missing" : "wrong");
      return Response.status(403).type(MediaType.TEXT_PLAIN).entity("verification failed").build();
    }
    stats.verified();
    LOG.log(Level.INFO, "Webhook verified by the subscription handshake");
    return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(@HeaderParam("X-Hub-Signature-256") String signature,
      InputStream in) {
    byte[] body;
    try {
      body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        // Read on (up to a bound) so that the sender gets the 413 instead of a connection reset.
        long drained = 0;
        byte[] sink = new byte[64 * 1024];
        for (int n; drained < MAX_DRAIN && (n = in.read(sink)) > 0; ) {
          drained += n;
        }
        return refuse(413, "payload_too_large", "webhook bodies are at most 3 MB");
      }
    } catch (IOException e) {
      return refuse(400, "bad_request", "cannot read the body: " + e.getMessage());
    }
    if (signature == null || signature.isBlank()) {
      stats.refusedSignature();
      return refuse(401, "unauthorized", "X-Hub-Signature-256 is missing");
    }
    SignatureVerifier verifier = new SignatureVerifier(configuration.settings().appSecret());
    if (!verifier.matches(signature, body)) {
      stats.refusedSignature();
      LOG.log(Level.WARNING, "Webhook with a wrong signature refused ({0} bytes)", body.length);
      return refuse(403, "forbidden", "X-Hub-Signature-256 does not match the body");
    }
    stats.signed();
    WebhookBatch batch;
    try {
      batch = WebhookParser.parse(body);
    } catch (InvalidWebhookException e) {
      stats.badRequest();
      return refuse(400, "bad_request", e.getMessage());
    }
    Inbox.Taken taken;
    try {
      taken = inbox.accept(batch, configuration.settings().phoneNumberId());
    } catch (SQLException e) {
      // Our failure, not the sender's: 5xx makes Meta deliver again later, so nothing is lost.
      LOG.log(Level.ERROR, "Cannot store a webhook batch: {0}", e.getMessage());
      return refuse(503, "unavailable", "the bot cannot store messages right now; deliver again later");
    }
    stats.took(taken.newMessages().size(), taken.duplicates(), taken.statuses());
    Set<String> phones = new LinkedHashSet<>();
    taken.newMessages().forEach(r -> phones.add(r.phone()));
    processor.kick(phones);
    return Response.ok(Json.createObjectBuilder()
        .add("received", taken.newMessages().size())
        .add("duplicates", taken.duplicates())
        .add("statuses", taken.statuses())
        .add("other_numbers", taken.foreign())
        .build().toString()).build();
  }

  private static Response refuse(int status, String code, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON)
        .entity(Json.createObjectBuilder().add("status", status).add("error", code).add("message", message).build().toString())
        .build();
  }
}
