package dev.wabots.bot.webhook;

import dev.wabots.bot.http.Jsons;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How the bot's servlets answer: JSON bodies, and errors as {@code {"status","error","message"}}. */
public final class Answers {

  private Answers() {}

  public static void json(HttpServletResponse resp, int status, String json) throws IOException {
    send(resp, status, "application/json", json);
  }

  public static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
    json(resp, status, Jsons.JSON.createObjectBuilder().add("status", status).add("error", code).add("message", message)
        .build().toString());
  }

  static void text(HttpServletResponse resp, int status, String text) throws IOException {
    send(resp, status, "text/plain", text);
  }

  /**
   * Answers 405 with a JSON body (and {@code Allow}) unless the request's method is one of
   * {@code allowed}, HEAD (with GET) or OPTIONS; the caller goes on when nothing was sent.
   */
  public static void onlyMethods(HttpServletRequest req, HttpServletResponse resp, String... allowed) throws IOException {
    String method = req.getMethod();
    List<String> ok = new ArrayList<>(List.of(allowed));
    if (ok.contains("GET")) {
      ok.add("HEAD");
    }
    ok.add("OPTIONS");
    if (!ok.contains(method)) {
      resp.setHeader("Allow", String.join(", ", ok));
      error(resp, 405, "method_not_allowed", method + " is not served here; allowed: " + String.join(", ", ok));
      resp.flushBuffer();
    }
  }

  private static void send(HttpServletResponse resp, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType(type + ";charset=UTF-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
