package dev.wabots.admin.web;

import dev.wabots.admin.rest.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The error page for everything the container refuses before the API sees it (a bad or expired
 * token, an unknown path): the API's JSON error shape instead of an HTML page.
 */
@WebServlet("/error-json")
public class ErrorJson extends HttpServlet {

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    String message = switch (status) {
      case 401 -> "authentication required or token invalid/expired: log in with POST /admin/auth/login";
      case 403 -> "your role does not allow this";
      case 404 -> "no such resource";
      case 405 -> "method not allowed here";
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
}
