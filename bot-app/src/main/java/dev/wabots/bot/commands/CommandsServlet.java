package dev.wabots.bot.commands;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.handoff.Conversation;
import dev.wabots.bot.webhook.Answers;
import dev.wabots.contract.BotCommand;
import dev.wabots.contract.CommandResult;
import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.funnel.store.StoreException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /internal/commands}: what a person asked the bot to do for one customer (take over,
 * hand back, reply, send a template, erase), as a {@link BotCommand}; answers a {@link
 * CommandResult} — 200 when done or queued, 409 when refused for a reason people can act on.
 */
@WebServlet(urlPatterns = "/internal/commands")
public class CommandsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  static final int MAX_BODY = 256 * 1024;

  @Inject transient Configuration configuration;

  @Inject transient Conversation conversation;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.onlyMethods(req, resp, "POST");
    if (resp.isCommitted() || !OrchestratorCalls.allowed(req, resp, configuration)) {
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      Answers.error(resp, 413, "payload_too_large", "a command is at most 256 KB");
      return;
    }
    BotCommand command;
    try {
      command = ContractJson.read(new String(body, StandardCharsets.UTF_8), BotCommand.class);
    } catch (ContractException e) {
      Answers.error(resp, 400, "invalid", e.getMessage());
      return;
    }
    if (command.phone() == null || !command.phone().matches("[0-9]{5,20}")) {
      Answers.error(resp, 400, "invalid", "phone must be the customer's number as digits");
      return;
    }
    CommandResult result;
    try {
      result = conversation.handle(command);
    } catch (IllegalArgumentException e) {
      Answers.error(resp, 400, "invalid", e.getMessage());
      return;
    } catch (StoreException e) {
      Answers.error(resp, 503, "unavailable", "the bot's database does not answer: " + e.getMessage());
      return;
    }
    Answers.json(resp, result.done() ? 200 : 409, ContractJson.write(result));
  }
}
