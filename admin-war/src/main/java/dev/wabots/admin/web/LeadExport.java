package dev.wabots.admin.web;

import dev.wabots.leads.boundary.LeadFilter;
import dev.wabots.leads.boundary.Leads;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /panel/leads/export?bot=&stage=&segment=&paid=&from=&to=}: the Leads page's filter as
 * a CSV file for Excel, written by {@link Leads#exportCsv} (UTF-8 with a byte-order mark, streamed):
 * separated by {@code ;} when the panel speaks Russian (Excel's list separator there) and by
 * {@code ,} in English. Under /panel/, so only a signed-in session gets here; the domain decides
 * which leads it sees.
 */
@WebServlet(LeadExport.PATH)
public class LeadExport extends HttpServlet {

  static final String PATH = "/panel/leads/export";

  @Inject Leads leads;

  @Inject Language language;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    LeadFilter filter;
    try {
      filter = filter(req);
      leads.list(filter, 0, 1); // refusals (a bot not visible) before the answer starts
    } catch (IllegalArgumentException e) {
      resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    } catch (NotFound e) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    } catch (Unauthorized e) {
      resp.sendRedirect(req.getContextPath() + PanelAuthentication.LOGIN_PAGE);
      return;
    } catch (DomainException e) {
      resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    resp.setContentType("text/csv");
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Content-Disposition", "attachment; filename=\"leads-" + LocalDate.now() + ".csv\"");
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    leads.exportCsv(filter, separator(language.getCode()), resp.getOutputStream());
  }

  /** Excel's list separator: {@code ;} where the decimal comma is (Russian), {@code ,} in English. */
  static char separator(String languageCode) {
    return "ru".equals(languageCode) ? ';' : ',';
  }

  static LeadFilter filter(HttpServletRequest req) {
    String paid = text(req, "paid");
    if (paid != null && !paid.equals("true") && !paid.equals("false")) {
      throw new IllegalArgumentException("paid must be true or false");
    }
    return new LeadFilter(text(req, "bot"), text(req, "stage"), text(req, "segment"),
        paid == null ? null : Boolean.valueOf(paid), day(text(req, "from")), day(text(req, "to")));
  }

  private static LocalDate day(String text) {
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date: " + text, e);
    }
  }

  private static String text(HttpServletRequest req, String name) {
    String value = req.getParameter(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
