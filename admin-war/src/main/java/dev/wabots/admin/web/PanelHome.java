package dev.wabots.admin.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /panel} and {@code /panel/} lead to the fleet page. */
@WebServlet({"/panel", "/panel/"})
public class PanelHome extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.sendRedirect(req.getContextPath() + PanelAuthentication.HOME_PAGE);
  }
}
