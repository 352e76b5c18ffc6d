package dev.wabots.admin.web;

import dev.wabots.conversations.boundary.Conversations;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.NotFound;
import dev.wabots.platform.Unauthorized;
import dev.wabots.whatsapp.MediaLimits;
import dev.wabots.whatsapp.MessageContent;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code GET /panel/media/conversation?bot=…&phone=…&wamid=…}: a customer's file (photo, voice
 * note, document) in the Conversations thread and the test chat, fetched from the bot that keeps
 * it — what {@code GET /admin/conversations/{bot}/{phone}/media/{wamid}} is to the API, with the
 * same rule through {@link Conversations#media}: a conversation of a bot the person may not see
 * does not exist. Under /panel/, so only a signed-in session gets here.
 */
@WebServlet("/panel/media/*")
public class ConversationMedia extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String PATH = "/conversation";

  @Inject transient Conversations conversations;

  /** The panel's address of a kept file (under the context path). */
  static String path(String bot, String phone, String wamid) {
    return "/panel/media" + PATH + "?bot=" + encode(bot) + "&phone=" + encode(phone) + "&wamid=" + encode(wamid);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String bot = req.getParameter("bot");
    String phone = req.getParameter("phone");
    String wamid = req.getParameter("wamid");
    if (!PATH.equals(req.getPathInfo()) || bot == null || phone == null || wamid == null) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Conversations.MediaFile file;
    try {
      file = conversations.media(bot, phone, wamid);
    } catch (Unauthorized e) {
      resp.sendRedirect(req.getContextPath() + PanelAuthentication.LOGIN_PAGE);
      return;
    } catch (NotFound e) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    } catch (DomainException e) {
      // the bot keeps the file and is not running, or did not answer
      resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    // The type comes from the bot: only what WhatsApp carries is served as such, never markup.
    String type = MediaLimits.baseType(file.contentType());
    boolean known = Arrays.stream(MessageContent.MediaKind.values()).anyMatch(k -> MediaLimits.types(k).contains(type));
    boolean inline = known && (type.startsWith("audio/") || type.startsWith("image/") || type.startsWith("video/"));
    String name = file.filename() == null ? "file" : file.filename();
    resp.setContentType(known ? type : "application/octet-stream");
    resp.setContentLength(file.data().length);
    resp.setHeader("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''"
        + encode(name).replace("+", "%20"));
    resp.setHeader("Cache-Control", "private, max-age=3600");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    resp.getOutputStream().write(file.data());
  }
}
