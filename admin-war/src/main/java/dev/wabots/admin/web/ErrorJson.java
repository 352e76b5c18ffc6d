package dev.wabots.admin.web;

import dev.wabots.admin.rest.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The error page for everything the container refuses before the API sees it (a bad or expired
 * token, an unknown path): the API's JSON error shape instead of an HTML page. Errors of panel
 * pages ({@code /panel/…}) get the panel's own error page: people read those, not programs.
 */
@WebServlet("/error-json")
public class ErrorJson extends HttpServlet {

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    if (fromPanel(req) && !resp.isCommitted()) {
      panelPage(req, resp, status);
      return;
    }
    String message = switch (status) {
      case 401 -> "authentication required or token invalid/expired: log in with POST /admin/auth/login";
      case 403 -> "your role does not allow this";
      case 404 -> "no such resource";
      case 405 -> "method not allowed here";
      case 413 -> "the body is too large";
      case 500 -> "unexpected error";
      default -> "request refused";
    };
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    if (status == 401) {
      resp.setHeader("WWW-Authenticate", "Bearer");
    }
    resp.getWriter().write(Problem.body(status, Problem.codeOf(status), message, List.of()).toString());
  }

  /** The panel's error page; if even that fails, a line of plain text rather than a stack trace. */
  private static void panelPage(HttpServletRequest req, HttpServletResponse resp, int code) throws IOException {
    // Mojarra answers a panel URL without a view's extension (/panel/nope) with an exception: a 404 really.
    Object exception = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    boolean noSuchView = exception != null
        && exception.getClass().getSimpleName().equals("ViewHandlingStrategyNotFoundException");
    int status = noSuchView ? HttpServletResponse.SC_NOT_FOUND : code;
    req.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    resp.setStatus(status);
    try {
      req.getRequestDispatcher(PanelExceptionHandlerFactory.ERROR_VIEW.replace(".xhtml", "")).forward(req, resp);
    } catch (ServletException | RuntimeException e) {
      if (!resp.isCommitted()) {
        resp.reset();
        resp.setStatus(status);
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write("Error " + status + ". Ошибка " + status + ".\n");
      }
    }
  }

  private static boolean fromPanel(HttpServletRequest req) {
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return uri instanceof String s && PanelAuthentication.isPanel(s.substring(req.getContextPath().length()));
  }
}
