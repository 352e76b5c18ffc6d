package dev.wabots.admin.rest;

import dev.wabots.security.BotCallers;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * A {@code POST} of the internal API that every message of the fleet passes through, served by a
 * plain servlet rather than JAX-RS: Jersey's routing, entity providers and per-request injection
 * cost more than the work itself on these calls (BENCHMARKS.md, chat overhead and event batches).
 *
 * <p>Authentication is the WAR's mechanism as for any request. Here: the caller must be a bot's
 * running process (401/403 before anything about the body), the body must be JSON (415), other
 * methods get 405; every refusal has the API's one error body, written by the same mappers as
 * JAX-RS uses.
 */
abstract class BotPostServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient BotCallers bots;

  private final String what;

  /** {@code what}: what the endpoint takes, for the 405 answer ("a conversation"). */
  BotPostServlet(String what) {
    this.what = what;
  }

  /** The answer to an authenticated bot's JSON body; throws what the API's mappers answer. */
  abstract Response answer(HttpServletRequest req) throws IOException;

  /** The answer to a failure: the API's mappers' (a subclass may know more kinds). */
  Response refusal(Exception e, HttpServletRequest req) {
    return UnexpectedExceptionMapper.map(e, req);
  }

  @Override
  protected final void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Response answer;
    try {
      bots.callingBot(); // who sends comes before what they sent: 401/403 before 400
      answer = isJson(req.getContentType())
          ? answer(req)
          : Problem.response(415, Problem.codeOf(415), "send the body as application/json");
    } catch (Exception e) {
      answer = refusal(e, req);
    }
    ApiResponses.write(answer, resp);
  }

  @Override
  protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
    if ("POST".equals(req.getMethod())) {
      super.service(req, resp);
      return;
    }
    resp.setHeader("Allow", "POST");
    ApiResponses.write(Problem.response(405, Problem.codeOf(405), "method not allowed here; POST " + what), resp);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim();
    return type.equalsIgnoreCase("application/json") || type.toLowerCase().endsWith("+json");
  }
}
