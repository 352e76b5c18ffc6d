package p;

/**
 * Readiness of the request floor (request-floor.sh): answers once the web module is deployed, and
 * says whether the optimising compiler (C2) is still held back by the bots' compiler directives.
 */
@jakarta.servlet.annotation.WebServlet("/ping")
public class Ping extends jakarta.servlet.http.HttpServlet {
  @Override
  protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    response.getWriter().print("ok c2=" + (Webhook.C2_RELEASED.get() ? "released" : "held"));
  }
}
