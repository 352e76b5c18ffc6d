package dev.wabots.admin.web;

import dev.wabots.platform.DomainException;
import dev.wabots.platform.Unauthorized;
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
 */
@WebServlet("/panel/sandbox/*")
public class SandboxMedia extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/([A-Za-z0-9][A-Za-z0-9._-]{0,99})/media/([A-Za-z0-9._-]{1,100})");

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
}
