package p;

/** One servlet with one injected bean: what switching CDI on costs a start (payara-floor.sh). */
@jakarta.servlet.annotation.WebServlet("/ping")
public class Ping extends jakarta.servlet.http.HttpServlet {
  @jakarta.inject.Inject
  Greeting greeting;

  @Override
  protected void doGet(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    response.getWriter().print(greeting.text());
  }
}
