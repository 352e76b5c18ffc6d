package dev.wabots.bot.spare;

import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.bot.health.BotStart;
import dev.wabots.bot.health.StartupListener;
import dev.wabots.bot.inbox.Processor;
import dev.wabots.bot.logs.BotLog;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.bot.webhook.Answers;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * {@code POST /internal/adopt}: the orchestrator hands a pre-started spare the bot it becomes —
 * {@code {"instance_id", "token", "port", "log"}}, authorised by the secret the spare was spawned
 * with. The spare points its output at the bot's log, takes the bot's identity, answers 202, and
 * then runs the bot's ordinary start sequence (configuration, database, processor) and moves its
 * HTTP listener to the bot's webhook port; readiness turns UP on that port when all is done. A
 * failure after the answer ends the process (the supervisor sees the bot exit and applies its
 * crash rules). {@code GET} answers {@code {"status":"waiting"}} while the spare waits. Anything but a
 * spare answers 404, as for any unknown path.
 */
@WebServlet(urlPatterns = "/internal/adopt")
public class AdoptServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = System.getLogger(AdoptServlet.class.getName());
  /** EX_SOFTWARE from sysexits.h: the spare could not become the bot it was handed. */
  static final int EXIT_ADOPTION_FAILED = 70;

  @Inject transient BotStart start;

  @Inject transient BotLog botLog;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!StartupListener.spare()) {
      Answers.error(resp, 404, "not_found", "nothing is served at " + req.getRequestURI() + "; Meta's webhook is /webhook");
      return;
    }
    Answers.onlyMethods(req, resp, "GET", "POST");
    if (resp.isCommitted()) {
      return;
    }
    if ("POST".equals(req.getMethod())) {
      adopt(req, resp);
    } else {
      // The supervisor's sign that the spare serves requests (its health answers a little earlier,
      // while Payara still loads the web module).
      Answers.json(resp, 200, Jsons.JSON.createObjectBuilder().add("status", "waiting").build().toString());
    }
  }

  private void adopt(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String secret = System.getenv("WA_SPARE_SECRET");
    String authorization = req.getHeader("Authorization");
    if (authorization == null || !MessageDigest.isEqual(("Bearer " + secret).getBytes(StandardCharsets.UTF_8),
        authorization.getBytes(StandardCharsets.UTF_8))) {
      Answers.error(resp, 401, "unauthorized", "the secret this spare was spawned with is required");
      return;
    }
    JsonObject body;
    try (var reader = Jsons.JSON.createReader(req.getInputStream())) {
      body = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      Answers.error(resp, 400, "invalid_json", "the body must be a JSON object: " + e.getMessage());
      return;
    }
    String id = text(body, "instance_id");
    String token = text(body, "token");
    String log = text(body, "log");
    String commandSecret = text(body, "command_secret");
    Integer port = body.get("port") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : null;
    if (id == null || token == null || log == null || commandSecret == null || port == null || port < 1 || port > 65535) {
      Answers.error(resp, 400, "invalid", "instance_id, token, command_secret, log (text) and port (1-65535) are required");
      return;
    }
    synchronized (AdoptServlet.class) {
      if (!StartupListener.spare()) {
        Answers.error(resp, 409, "already_adopted", "this spare already became bot '" + Identity.instanceId() + "'");
        return;
      }
      try {
        botLog.moveTo(Path.of(log));
      } catch (IOException e) {
        LOG.log(Level.ERROR, "Spare cannot become bot {0}: {1}", id, e.getMessage());
        Answers.error(resp, 503, "cannot_adopt", e.getMessage());
        return;
      }
      Identity.adopt(id, token, commandSecret);
    }
    LOG.log(Level.INFO, "Pre-started spare (pid {0}) becomes bot {1} on port {2}", String.valueOf(ProcessHandle.current().pid()), id,
        String.valueOf(port));
    Answers.json(resp, 202, Jsons.JSON.createObjectBuilder().add("status", "adopting").add("instance_id", id)
        .add("pid", ProcessHandle.current().pid()).build().toString());
    resp.flushBuffer();
    Thread start = new Thread(() -> becomeBot(id, port), "adopt-" + id);
    start.start();
  }

  private void becomeBot(String id, int port) {
    long t0 = System.nanoTime();
    try {
      start.run(() -> {
        try {
          ListenerPort.move(port);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("cannot move the HTTP listener to port " + port + ": " + e, e);
        }
      });
      LOG.log(Level.INFO, "Bot {0} started from a pre-started spare in {1} ms, serving on port {2}", id,
          String.valueOf((System.nanoTime() - t0) / 1_000_000), String.valueOf(port));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "Spare cannot become bot {0}: {1}; exiting with status {2}", id, e.getMessage(), EXIT_ADOPTION_FAILED);
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(EXIT_ADOPTION_FAILED);
    }
  }

  private static String text(JsonObject body, String key) {
    return body.get(key) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }
}
