package p;

/** The smallest application a bot process could deploy: one servlet, no CDI (payara-floor.sh). */
@jakarta.servlet.annotation.WebServlet("/ping")
public class Ping extends jakarta.servlet.http.HttpServlet {
  @Override
  protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    response.getWriter().print("ok");
  }
}
