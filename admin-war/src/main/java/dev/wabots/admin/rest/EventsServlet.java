package dev.wabots.admin.rest;

import dev.wabots.contract.ContractException;
import dev.wabots.contract.ContractJson;
import dev.wabots.contract.EventBatch;
import dev.wabots.conversations.boundary.ConversationEvents;
import dev.wabots.conversations.control.EventTurns;
import dev.wabots.platform.Invalid;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * A bot's conversation events, for bot processes only: {@code POST /internal/events} with an
 * {@code EventBatch} → {@code EventAck} (everything up to {@code up_to} is stored). A batch that
 * is no {@code EventBatch} is a 400 naming the problem; another bot's batch is a 403; when the
 * batches of other bots keep the store busy past the wait, 503 (the bot delivers again).
 *
 * <p>A servlet (see {@link BotPostServlet}): every message of the fleet produces events, and
 * Jersey's own request processing around this call was ~8 % of a busy orchestrator's CPU.
 */
@WebServlet("/internal/events")
public class EventsServlet extends BotPostServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient ConversationEvents events;

  @Inject transient EventTurns turns;

  public EventsServlet() {
    super("an event batch");
  }

  @Override
  Response answer(HttpServletRequest req) throws IOException {
    byte[] body; // parsed as UTF-8 at once (BodyLimits checked it), not decoded to a String first
    try (InputStream in = req.getInputStream()) {
      body = in.readAllBytes();
    }
    EventBatch batch;
    try {
      batch = ContractJson.read(body, EventBatch.class);
    } catch (ContractException e) {
      throw Invalid.of("body", e.getMessage());
    }
    return Response.ok(ContractJson.write(turns.inTurn(() -> events.accept(batch)))).build();
  }
}
