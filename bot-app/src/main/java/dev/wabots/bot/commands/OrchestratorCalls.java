package dev.wabots.bot.commands;

import dev.wabots.bot.config.Configuration;
import dev.wabots.bot.config.Identity;
import dev.wabots.bot.webhook.Answers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call the bot's {@code /internal/…} endpoints: the orchestrator, with the secret it gave
 * this process at its start ({@code Authorization: Bearer <secret>}, compared in constant time).
 */
final class OrchestratorCalls {

  private OrchestratorCalls() {}

  /** Whether the request may go on; otherwise the refusal has been sent. */
  static boolean allowed(HttpServletRequest req, HttpServletResponse resp, Configuration configuration)
      throws IOException {
    String secret = Identity.commandSecret();
    String authorization = req.getHeader("Authorization");
    if (secret == null || secret.isEmpty() || authorization == null || !MessageDigest.isEqual(
        ("Bearer " + secret).getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
      Answers.error(resp, 401, "unauthorized", "the orchestrator's secret for this bot process is required");
      return false;
    }
    if (!configuration.loaded()) {
      Answers.error(resp, 503, "starting", "this bot is not started yet");
      return false;
    }
    return true;
  }
}
