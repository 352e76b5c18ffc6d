package dev.wabots.admin.rest;

import dev.wabots.metrics.boundary.FleetMetrics;
import dev.wabots.metrics.control.Exposition;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the fleet's metrics in the Prometheus text format, for the metrics token
 * ({@code wabots.metrics.token}) or an admin's token. A servlet, since Prometheus' text is no
 * JSON and the JWT mechanism still authenticates the request; refusals have the API's one body.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient FleetMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String text;
    try {
      text = metrics.scrape(bearer(req));
    } catch (Exception e) {
      Response refusal = UnexpectedExceptionMapper.map(e, req);
      if (refusal.getStatus() == 401) {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
      }
      ApiResponses.write(refusal, resp);
      return;
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(200);
    resp.setContentType(Exposition.CONTENT_TYPE);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  private static String bearer(HttpServletRequest req) {
    String h = req.getHeader("Authorization");
    return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).strip() : null;
  }
}
