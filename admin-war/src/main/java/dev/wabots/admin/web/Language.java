package dev.wabots.admin.web;

import dev.wabots.users.boundary.Users;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The panel's language: Russian unless the person chose English. The choice of a signed-in person
 * is stored with their account ({@link Users#preferLanguage}) and comes back at the next login.
 */
@Named
@SessionScoped
public class Language implements Serializable {

  private static final long serialVersionUID = 1L;
  static final List<String> CODES = List.of("ru", "en");

  @Inject Users users;

  private Locale locale = Locale.forLanguageTag("ru");
  private boolean adopted;

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
    if (context.getExternalContext().getUserPrincipal() != null) {
      users.preferLanguage(code);
      adopted = true;
    }
    return context.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
  }
}
