package dev.wabots.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The panel's security headers: no MIME sniffing, no referrer to other sites. Faces pages get
 * their {@code Content-Security-Policy} from PrimeFaces, with a nonce per page (see
 * {@code primefaces.CSP_POLICY} in web.xml); the panel's downloads and media set {@link
 * #NON_PAGE_POLICY} themselves (an error page in their place is a Faces page again).
 *
 * <p>Cookies are {@code Secure} when the panel is served over HTTPS: the request itself is
 * secure, or a proxy in front says so ({@code X-Forwarded-Proto: https}), or the setting
 * {@code wabots.http.secure-cookies} is on (then for every request). Behind a proxy the container
 * cannot tell, so the session cookie it writes is written again, marked {@code Secure}, whenever
 * the session is new or changes its id; the browser keeps the last one.
 */
@WebFilter({"/panel", "/panel/*"})
public class PanelHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** For the panel's servlets (log download, voice sample, sandbox media): nothing runs, nothing frames it. */
  static final String NON_PAGE_POLICY = "default-src 'none'; media-src 'self'; frame-ancestors 'none'; sandbox";

  @Inject
  @ConfigProperty(name = "wabots.http.secure-cookies", defaultValue = "false")
  boolean alwaysSecure;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "same-origin");
    if (!alwaysSecure && !req.isSecure() && !forwardedHttps(req)) {
      chain.doFilter(req, resp);
      return;
    }
    SecureCookies secureResp = new SecureCookies(resp);
    SessionCookies secureReq = new SessionCookies(req, secureResp);
    secureReq.sessionChanged(); // a sign-in just now (before this filter) gave the session a new id
    chain.doFilter(secureReq, secureResp);
  }

  /** The first proxy's word: {@code X-Forwarded-Proto: https} (a list names the client's side first). */
  static boolean forwardedHttps(HttpServletRequest req) {
    String proto = req.getHeader("X-Forwarded-Proto");
    return proto != null && proto.split(",", 2)[0].trim().equalsIgnoreCase("https");
  }

  /** Every cookie the panel sets is {@code Secure}. */
  static final class SecureCookies extends HttpServletResponseWrapper {
    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secured(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secured(name, value));
    }

    static String secured(String name, String value) {
      if (value == null || !name.equalsIgnoreCase("Set-Cookie") || value.toLowerCase(Locale.ROOT).contains("; secure")) {
        return value;
      }
      return value + "; Secure";
    }
  }

  /** Writes the session cookie again, {@code Secure}, whenever a session starts or changes its id. */
  final class SessionCookies extends HttpServletRequestWrapper {
    private final HttpServletResponse response;
    private String written;

    SessionCookies(HttpServletRequest request, HttpServletResponse response) {
      super(request);
      this.response = response;
      this.written = request.getRequestedSessionId();
    }

    @Override
    public HttpSession getSession(boolean create) {
      HttpSession session = super.getSession(create);
      sessionChanged();
      return session;
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }

    @Override
    public String changeSessionId() {
      String id = super.changeSessionId();
      sessionChanged();
      return id;
    }

    void sessionChanged() {
      HttpSession session = super.getSession(false);
      if (session == null || session.getId().equals(written) || response.isCommitted()) {
        return;
      }
      written = session.getId();
      SessionCookieConfig config = getServletContext().getSessionCookieConfig();
      String name = config.getName() == null ? "JSESSIONID" : config.getName();
      String cookiePath = config.getPath() != null ? config.getPath()
          : getContextPath().isEmpty() ? "/" : getContextPath();
      response.addHeader("Set-Cookie", name + "=" + written + "; Path=" + cookiePath + "; Secure; HttpOnly; SameSite=Lax");
    }
  }
}
