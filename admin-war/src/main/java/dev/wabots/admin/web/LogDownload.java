package dev.wabots.admin.web;

import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import dev.wabots.processes.boundary.BotProcesses;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code GET /panel/logs/download?bot={id}}: the last {@value #LINES} lines of a bot's log as a
 * file, read through {@link BotProcesses#logs} — the same visibility rule as everywhere (a bot
 * that is not yours does not exist). Under /panel/, so only a signed-in session gets here.
 */
@WebServlet("/panel/logs/download")
public class LogDownload extends HttpServlet {

  static final int LINES = 5000;

  @Inject BotProcesses processes;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String id = req.getParameter("bot");
    List<String> lines;
    try {
      lines = processes.logs(id, LINES);
    } catch (NotFound e) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    } catch (Unauthorized e) {
      resp.sendRedirect(req.getContextPath() + PanelAuthentication.LOGIN_PAGE);
      return;
    }
    resp.setContentType("text/plain");
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Content-Disposition", "attachment; filename=\"whatsapp_bot_" + id + ".log\"");
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    PrintWriter out = resp.getWriter();
    lines.forEach(out::println);
  }
}
