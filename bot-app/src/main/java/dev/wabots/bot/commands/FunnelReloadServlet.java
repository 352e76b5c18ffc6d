package dev.wabots.bot.commands;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.store.BotDatabase;
import dev.wabots.bot.webhook.Answers;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.ContractJson;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /internal/funnel/reload}: the orchestrator's funnel definition or business profile
 * of this bot changed; the bot takes it without a restart. 200 with what is in use, 409 (the
 * current funnel stays) with the reason.
 */
@WebServlet(urlPatterns = "/internal/funnel/reload")
public class FunnelReloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Configuration configuration;

  @Inject transient BotDatabase database;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.onlyMethods(req, resp, "POST");
    if (resp.isCommitted() || !OrchestratorCalls.allowed(req, resp, configuration)) {
      return;
    }
    try {
      String source = database.reloadDefinition();
      Answers.json(resp, 200, ContractJson.write(CommandResult.ok("funnel definition in use: " + source)));
    } catch (IllegalStateException e) {
      Answers.json(resp, 409, ContractJson.write(CommandResult.refused("not_reloaded",
          "the bot keeps its current funnel: " + e.getMessage())));
    }
  }
}
