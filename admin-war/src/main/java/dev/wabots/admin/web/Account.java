package dev.wabots.admin.web;

import dev.wabots.security.Role;
import dev.wabots.users.boundary.Users;
import dev.wabots.users.boundary.Users.UserView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The signed-in person, read afresh on every request (a changed role shows at once), and signing
 * out. What they may do is decided by the domain; this only greys out what would be refused.
 */
@Named
@RequestScoped
public class Account {

  @Inject Users users;

  @Inject Language language;

  private UserView me;

  @PostConstruct
  void load() {
    me = users.me();
    language.adopt(me.language());
  }

  public String getUsername() {
    return me.username();
  }

  public String getRole() {
    return me.role();
  }

  /** Whether the role may change things at all (guests may not); ownership is the domain's part. */
  public boolean isWriter() {
    return Role.parse(me.role()).map(Role::mayWrite).orElse(false);
  }

  public void logout() {
    signOut(FacesContext.getCurrentInstance());
  }

  /** Ends the session (the next one gets a new id) and goes to the login page. */
  static void signOut(FacesContext context) {
    ExternalContext external = context.getExternalContext();
    try {
      ((HttpServletRequest) external.getRequest()).logout();
      external.invalidateSession();
      external.redirect(external.getRequestContextPath() + PanelAuthentication.LOGIN_PAGE);
    } catch (ServletException e) {
      throw new IllegalStateException("cannot sign out", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
