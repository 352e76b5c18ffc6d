package dev.wabots.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /panel/tts/sample?key=…}: the voice sample the TTS tab's "Listen" just made
 * ({@code audio/ogg}, OGG/Opus like a WhatsApp voice note), streamed to the browser's player. Only
 * the session that made it can read it; anything else is a 404. Under /panel/, so only a
 * signed-in session gets here.
 */
@WebServlet("/panel/tts/sample")
public class VoiceSampleAudio extends HttpServlet {

  @Inject VoiceSamples samples;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    byte[] audio = req.getSession(false) == null ? null : samples.get(req.getParameter("key"));
    if (audio == null) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    resp.setContentType("audio/ogg");
    resp.setContentLength(audio.length);
    resp.setHeader("Cache-Control", "private, no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Content-Security-Policy", PanelHeaders.NON_PAGE_POLICY);
    resp.getOutputStream().write(audio);
  }
}
