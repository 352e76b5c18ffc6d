package dev.wabots.admin.rest;

import dev.wabots.whatsapp.Printable;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One log line per request refused for its input (400, 413, 415, 429): who sent what where, and
 * the problem the answer named. Values from the request are escaped ({@link Printable}) so the
 * line stays one line.
 */
public final class Refusals {

  private static final Logger LOG = System.getLogger(Refusals.class.getName());

  private Refusals() {}

  public static void log(HttpServletRequest request, int status, String message) {
    if (request == null) {
      LOG.log(Level.INFO, "Refused a request: {0} {1}", String.valueOf(status), Printable.of(message, 300));
      return;
    }
    String query = request.getQueryString();
    LOG.log(Level.INFO, "Refused {0} {1} from {2}: {3} {4}",
        Printable.of(request.getMethod(), 20),
        Printable.of(request.getRequestURI() + (query == null ? "" : "?" + query), 200),
        request.getRemoteAddr(), String.valueOf(status), Printable.of(message, 300));
  }

  /** Whether answers with this status are logged here. */
  static boolean logged(int status) {
    return status == 400 || status == 413 || status == 415 || status == 429;
  }
}
