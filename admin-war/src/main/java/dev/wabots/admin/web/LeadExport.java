package dev.wabots.admin.web;

import dev.wabots.admin.rest.LeadsResource;
import dev.wabots.leads.boundary.LeadFilter;
import dev.wabots.leads.boundary.Leads;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /panel/leads/export?bot=&stage=&segment=&paid=&from=&to=&format=}: the Leads page's
 * filter as a file for Excel, streamed. {@code format=csv} (the default) is written by {@link
 * Leads#exportCsv} (UTF-8 with a byte-order mark), separated by {@code ;} when the panel speaks
 * Russian (Excel's list separator there) and by {@code ,} in English — the API's choice for those
 * languages; {@code format=xlsx} is the workbook of {@link Leads#exportXlsx}, as the API's {@code
 * leads.xlsx}. The filter is read as the API reads it. Under /panel/, so only a signed-in session
 * gets here; the domain decides which leads it sees.
 */
@WebServlet(LeadExport.PATH)
public class LeadExport extends HttpServlet {

  static final String PATH = "/panel/leads/export";

  @Inject Leads leads;

  @Inject Language language;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    LeadFilter filter;
    boolean xlsx;
    try {
      xlsx = xlsx(req.getParameter("format"));
      filter = filter(req);
      leads.list(filter, 0, 1); // refusals (a bot not visible) before the answer starts
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
    if (xlsx) {
      resp.setContentType(Leads.XLSX);
    } else {
      resp.setContentType("text/csv");
      resp.setCharacterEncoding("UTF-8");
    }
    resp.setHeader("Content-Disposition", LeadsResource.attachment(xlsx ? "xlsx" : "csv"));
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    if (xlsx) {
      leads.exportXlsx(filter, resp.getOutputStream());
    } else {
      leads.exportCsv(filter, separator(language.getCode()), resp.getOutputStream());
    }
  }

  /** Whether the file asked for is the workbook: {@code xlsx}; {@code csv} or none is the CSV. */
  static boolean xlsx(String format) {
    if (format == null || format.isBlank() || format.equals("csv")) {
      return false;
    }
    if (format.equals("xlsx")) {
      return true;
    }
    throw Invalid.of("format", "must be csv or xlsx");
  }

  /** Excel's list separator for the panel's language, as the API chooses it for Accept-Language. */
  static char separator(String languageCode) {
    return LeadsResource.separator(null, languageCode);
  }

  static LeadFilter filter(HttpServletRequest req) {
    return LeadsResource.filter(req.getParameter("bot"), req.getParameter("stage"), req.getParameter("segment"),
        req.getParameter("paid"), req.getParameter("from"), req.getParameter("to"));
  }
}
