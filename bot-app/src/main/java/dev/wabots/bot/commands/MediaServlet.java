package dev.wabots.bot.commands;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.media.Received;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.bot.webhook.Answers;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /internal/media?wamid=…}: a file a customer sent, as the bot keeps it, for the
 * orchestrator's conversation thread (404 once removed after the retention period, or refused).
 */
@WebServlet(urlPatterns = "/internal/media")
public class MediaServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Configuration configuration;

  @Inject transient BotDatabase database;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.onlyMethods(req, resp, "GET");
    if (resp.isCommitted() || !OrchestratorCalls.allowed(req, resp, configuration)) {
      return;
    }
    String wamid = req.getParameter("wamid");
    if (wamid == null || wamid.isBlank() || wamid.length() > 200) {
      Answers.error(resp, 400, "invalid", "wamid is required");
      return;
    }
    Optional<Received> kept = database.media().of(wamid).filter(Received::stored);
    Optional<byte[]> bytes = kept.isEmpty() ? Optional.empty() : database.media().bytes(wamid);
    if (bytes.isEmpty()) {
      Answers.error(resp, 404, "not_found", "no kept file for message " + wamid);
      return;
    }
    resp.setStatus(200);
    resp.setContentType(kept.get().mimeType());
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setContentLength(bytes.get().length);
    resp.getOutputStream().write(bytes.get());
  }
}
