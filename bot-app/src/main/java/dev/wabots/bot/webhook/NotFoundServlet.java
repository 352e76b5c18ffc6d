package dev.wabots.bot.webhook;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Everything on the bot's port that is not the webhook, the status or health: a JSON 404 (the
 * port faces the internet; the server's default would be an HTML page naming the server).
 */
@WebServlet(urlPatterns = "/")
public class NotFoundServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.error(resp, 404, "not_found", "nothing is served at " + req.getRequestURI() + "; Meta's webhook is /webhook");
  }
}
