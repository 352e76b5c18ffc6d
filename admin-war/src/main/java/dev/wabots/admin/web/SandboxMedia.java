package dev.wabots.admin.web;

import dev.wabots.platform.Conflict;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.Forbidden;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import dev.wabots.platform.Unavailable;
import jakarta.json.Json;
import java.util.Base64;
import java.util.List;
import dev.wabots.sandbox.boundary.Sandbox;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /panel/sandbox/{id}/media/{mediaId}}: media a sandbox bot uploaded (its voice notes,
 * images), for the Test chat's players — what {@code GET /admin/sandbox/{id}/media/{mediaId}} is to
 * the API, read through {@link Sandbox#downloadFor} with the same rule: a bot you may not see, or
 * media of another bot, does not exist. Under /panel/, so only a signed-in session gets here.
 *
 * <p>{@code POST /panel/sandbox/{id}/share?from=…&type=…[&filename=…][&caption=…]}: the Test chat
 * attaches a file or sends a recorded voice note (the body: the file's bytes, its {@code
 * Content-Type} the file's type) — {@link Sandbox#inboundShared}, as {@code POST
 * /admin/sandbox/{id}/inbound} with {@code media}. Called by the panel's script only: it must carry
 * {@code X-Requested-With: wabots-panel} (a header another site's page cannot send here) and no
 * foreign {@code Origin}. Answers JSON: {@code {"wamid"}} or {@code {"error","message","fields"}}.
 */
@WebServlet("/panel/sandbox/*")
public class SandboxMedia extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/([A-Za-z0-9][A-Za-z0-9._-]{0,99})/media/([A-Za-z0-9._-]{1,100})");
  private static final Pattern SHARE = Pattern.compile("/([A-Za-z0-9][A-Za-z0-9._-]{0,99})/share");
  /** The header only the panel's own script sends. */
  static final String SCRIPT_HEADER = "X-Requested-With";
  static final String SCRIPT_VALUE = "wabots-panel";

  @Inject Sandbox sandbox;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Matcher m = PATH.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
    if (!m.matches()) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Optional<Sandbox.MediaFile> file;
    try {
      file = sandbox.downloadFor(m.group(1), m.group(2));
    } catch (Unauthorized e) {
      resp.sendRedirect(req.getContextPath() + PanelAuthentication.LOGIN_PAGE);
      return;
    } catch (DomainException e) {
      // not visible, or a live bot: nothing here for this person
      file = Optional.empty();
    }
    if (file.isEmpty()) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String mime = file.get().mimeType();
    boolean inline = mime.startsWith("audio/") || mime.startsWith("image/") || mime.startsWith("video/");
    resp.setContentType(mime);
    resp.setContentLength(file.get().data().length);
    resp.setHeader("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"media-" + m.group(2) + "\"");
    // Media never changes under its id; only this session may read it.
    resp.setHeader("Cache-Control", "private, max-age=3600");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    resp.getOutputStream().write(file.get().data());
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Matcher m = SHARE.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
    if (!m.matches()) {
      answer(resp, 404, "not_found", "no such address", List.of());
      return;
    }
    if (!SCRIPT_VALUE.equals(req.getHeader(SCRIPT_HEADER)) || !sameOrigin(req)) {
      answer(resp, 403, "forbidden", "only the panel's test chat shares files here", List.of());
      return;
    }
    byte[] data;
    try (var in = req.getInputStream()) {
      data = in.readNBytes(Sandbox.MAX_SHARED_BYTES + 1);
    }
    if (data.length > Sandbox.MAX_SHARED_BYTES) {
      answer(resp, 413, "too_large", "the file is larger than " + Sandbox.MAX_SHARED_BYTES + " bytes", List.of());
      return;
    }
    String mime = req.getContentType() == null ? "" : req.getContentType();
    java.util.Map<String, String> q = query(req.getQueryString());
    Sandbox.SharedMedia media = new Sandbox.SharedMedia(q.get("type"), mime, blankToNull(q.get("filename")),
        blankToNull(q.get("caption")), data.length == 0 ? null : Base64.getEncoder().encodeToString(data));
    try {
      Sandbox.Delivery d = sandbox.inboundShared(m.group(1), q.get("from"), TestChatTab.CONTACT_NAME,
          new Sandbox.Shared(media, null));
      resp.setStatus(200);
      resp.setContentType("application/json");
      resp.getWriter().write(Json.createObjectBuilder().add("wamid", d.wamid()).build().toString());
    } catch (Invalid e) {
      answer(resp, 400, "invalid", e.getMessage(), e.fields().stream().map(f -> f.field() + ": " + f.message()).toList());
    } catch (Unauthorized e) {
      answer(resp, 401, "unauthorized", "sign in again", List.of());
    } catch (Forbidden e) {
      answer(resp, 403, "forbidden", e.getMessage(), List.of());
    } catch (NotFound e) {
      answer(resp, 404, "not_found", e.getMessage(), List.of());
    } catch (Conflict e) {
      answer(resp, 409, "conflict", e.getMessage(), List.of());
    } catch (Unavailable e) {
      answer(resp, 503, "unavailable", e.getMessage(), List.of());
    } catch (DomainException e) {
      answer(resp, 400, "refused", e.getMessage(), List.of());
    }
  }

  /** The query's parameters, decoded as UTF-8 (the container would read them as ISO-8859-1); the first of each. */
  static java.util.Map<String, String> query(String query) {
    java.util.Map<String, String> values = new java.util.HashMap<>();
    if (query == null) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        values.putIfAbsent(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // a broken escape: the parameter is left out, and the domain names what is missing
      }
    }
    return values;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** No {@code Origin}, or this server's own (compared with the Host the browser sent). */
  private static boolean sameOrigin(HttpServletRequest req) {
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String host = req.getHeader("Host");
    try {
      java.net.URI o = java.net.URI.create(origin);
      String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(o.getHost() + ":"
          + ("https".equals(o.getScheme()) ? 443 : 80)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void answer(HttpServletResponse resp, int status, String code, String message, List<String> fields)
      throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    var f = Json.createArrayBuilder();
    fields.forEach(f::add);
    resp.getWriter().write(Json.createObjectBuilder().add("error", code).add("message", message == null ? code : message)
        .add("fields", f).build().toString());
  }
}
