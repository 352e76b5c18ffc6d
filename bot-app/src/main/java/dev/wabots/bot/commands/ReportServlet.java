package dev.wabots.bot.commands;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.bot.webhook.Answers;
import dev.wabots.contract.ContractJson;
import dev.wabots.funnel.FunnelStoreException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /internal/report?days=N}: the funnel's conversion report from this bot's own
 * database, for the orchestrator (which never opens a bot's files).
 */
@WebServlet(urlPatterns = "/internal/report")
public class ReportServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  static final int MAX_DAYS = 366;

  @Inject transient Configuration configuration;

  @Inject transient BotDatabase database;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.onlyMethods(req, resp, "GET");
    if (resp.isCommitted() || !OrchestratorCalls.allowed(req, resp, configuration)) {
      return;
    }
    int days;
    try {
      days = Integer.parseInt(req.getParameter("days") == null ? "7" : req.getParameter("days").strip());
    } catch (NumberFormatException e) {
      Answers.error(resp, 400, "invalid", "days must be a whole number from 1 to " + MAX_DAYS);
      return;
    }
    if (days < 1 || days > MAX_DAYS) {
      Answers.error(resp, 400, "invalid", "days must be a whole number from 1 to " + MAX_DAYS);
      return;
    }
    try {
      Answers.json(resp, 200, ContractJson.write(database.funnel().report(days)));
    } catch (FunnelStoreException e) {
      Answers.error(resp, 503, "unavailable", "the bot's database does not answer: " + e.getMessage());
    }
  }
}
