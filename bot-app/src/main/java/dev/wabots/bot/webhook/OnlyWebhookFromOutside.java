package dev.wabots.bot.webhook;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The bot's port faces the internet for Meta's webhook only: every other path (status, health,
 * the spare's hand-over, anything else) answers only the orchestrator on this machine, and to
 * anyone else looks as absent as a path that does not exist (the same 404). A request that came
 * through a proxy or tunnel on this machine (it names its origin in {@code X-Forwarded-For},
 * {@code Forwarded} …) counts as from outside, so tunnelling the whole port exposes nothing more.
 */
@WebFilter(urlPatterns = "/*")
public class OnlyWebhookFromOutside extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** Headers proxies and tunnels add; the orchestrator's own requests carry none of them. */
  static final List<String> FORWARDED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP",
      "CF-Connecting-IP", "True-Client-IP", "Via");

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (path.equals("/webhook") || fromThisMachine(req)) {
      chain.doFilter(req, resp);
      return;
    }
    Answers.error(resp, 404, "not_found", "nothing is served at " + path + "; Meta's webhook is /webhook");
  }

  /**
   * Addresses besides loopback that the orchestrator calls from, when the bot runs in a network of
   * its own (the launcher passes them in {@code WA_TRUSTED_ADDRESSES}, comma-separated literals).
   */
  static final java.util.Set<String> TRUSTED = trusted(System.getenv("WA_TRUSTED_ADDRESSES"));

  static java.util.Set<String> trusted(String list) {
    if (list == null || list.isBlank()) {
      return java.util.Set.of();
    }
    return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  static boolean fromThisMachine(HttpServletRequest req) {
    for (String header : FORWARDED) {
      if (req.getHeader(header) != null) {
        return false;
      }
    }
    return loopback(req.getRemoteAddr()) || TRUSTED.contains(req.getRemoteAddr());
  }

  static boolean loopback(String address) {
    if (address == null || !(address.matches("[0-9.]+") || address.contains(":"))) {
      return false; // not an address literal (the container gives literals): nothing to look up
    }
    try {
      // An address literal: no name lookup happens.
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
