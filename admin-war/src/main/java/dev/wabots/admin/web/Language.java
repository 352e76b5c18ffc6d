package dev.wabots.admin.web;

import dev.wabots.users.boundary.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The panel's language: Russian unless the person chose English. The choice of a signed-in person
 * is stored with their account ({@link Users#preferLanguage}) and comes back at the next login;
 * the browser also keeps it in a cookie, so the login page after a logout (a new session) still
 * speaks it.
 */
@Named
@SessionScoped
public class Language implements Serializable {

  private static final long serialVersionUID = 1L;
  static final List<String> CODES = List.of("ru", "en");
  static final String COOKIE = "wabots_lang";
  private static final int ONE_YEAR = 365 * 24 * 3600;

  @Inject Users users;

  private Locale locale = Locale.forLanguageTag("ru");
  private boolean adopted;

  /** A new session starts in the language this browser used last. */
  @PostConstruct
  void fromCookie() {
    FacesContext context = FacesContext.getCurrentInstance();
    if (context == null || !(context.getExternalContext().getRequest() instanceof HttpServletRequest request)
        || request.getCookies() == null) {
      return;
    }
    for (Cookie c : request.getCookies()) {
      if (COOKIE.equals(c.getName()) && CODES.contains(c.getValue())) {
        locale = Locale.forLanguageTag(c.getValue());
      }
    }
  }

  public Locale getLocale() {
    return locale;
  }

  public String getCode() {
    return locale.getLanguage();
  }

  public List<String> getCodes() {
    return CODES;
  }

  /** The account's stored preference, taken once per session (a later switch wins). */
  void adopt(String preferred) {
    if (!adopted && preferred != null && CODES.contains(preferred)) {
      locale = Locale.forLanguageTag(preferred);
      remember(FacesContext.getCurrentInstance());
    }
    adopted = true;
  }

  /** Switches, remembers it for a signed-in person, and reloads the page in the new language. */
  public String use(String code) {
    if (!CODES.contains(code)) {
      return null;
    }
    locale = Locale.forLanguageTag(code);
    FacesContext context = FacesContext.getCurrentInstance();
    remember(context);
    if (context.getExternalContext().getUserPrincipal() != null) {
      users.preferLanguage(code);
      adopted = true;
    }
    return context.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
  }

  /** The browser's cookie, for the next session's first page (the login page). */
  private void remember(FacesContext context) {
    if (context == null || context.getExternalContext().isResponseCommitted()) {
      return;
    }
    ExternalContext external = context.getExternalContext();
    String root = external.getRequestContextPath();
    // The application's path, like the session cookie's: browsers and tools that forget "all
    // cookies" of the site then forget this one too.
    external.addResponseCookie(COOKIE, getCode(), Map.of(
        "maxAge", ONE_YEAR,
        "path", root.isEmpty() ? "/" : root,
        "httpOnly", Boolean.TRUE,
        "SameSite", "Lax"));
  }
}
