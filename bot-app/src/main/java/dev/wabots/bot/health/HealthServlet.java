package dev.wabots.bot.health;

import dev.wabots.bot.http.Jsons;
import dev.wabots.bot.webhook.Answers;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready} in MicroProfile Health's shape
 * ({@code {"status":"UP","checks":[{"name":"bot","status":"UP","data":{…}}]}}, 503 when down),
 * answered by the bot itself: Payara's own health endpoint is switched off in bots
 * ({@code bot-pre-boot.asadmin}) because it would answer anyone on the webhook's port, and this
 * one answers only on this machine ({@link dev.wabots.bot.webhook.OnlyWebhookFromOutside}).
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject @Readiness transient BotReadiness readiness;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Answers.onlyMethods(req, resp, "GET");
    if (resp.isCommitted()) {
      return;
    }
    String which = req.getPathInfo() == null ? "" : req.getPathInfo();
    switch (which) {
      case "", "/" -> answer(resp, readiness.call());
      case "/ready" -> answer(resp, readiness.call());
      case "/live", "/started" -> answer(resp, null); // the process serves requests: alive
      default -> Answers.error(resp, 404, "not_found", "no health check " + which + "; try /health/ready");
    }
  }

  private static void answer(HttpServletResponse resp, HealthCheckResponse check) throws IOException {
    JsonArrayBuilder checks = Jsons.JSON.createArrayBuilder();
    boolean up = true;
    if (check != null) {
      up = check.getStatus() == HealthCheckResponse.Status.UP;
      JsonObjectBuilder one = Jsons.JSON.createObjectBuilder().add("name", check.getName()).add("status", check.getStatus().name());
      check.getData().ifPresent(data -> {
        JsonObjectBuilder d = Jsons.JSON.createObjectBuilder();
        data.forEach((k, v) -> d.add(k, String.valueOf(v)));
        one.add("data", d);
      });
      checks.add(one);
    }
    Answers.json(resp, up ? 200 : 503, Jsons.JSON.createObjectBuilder()
        .add("status", up ? "UP" : "DOWN").add("checks", checks).build().toString());
  }
}
