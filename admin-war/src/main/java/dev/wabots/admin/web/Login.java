package dev.wabots.admin.web;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import dev.wabots.users.boundary.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The login page: the same accounts and the same throttle as the API's login. */
@Named
@RequestScoped
public class Login {

  @Inject SecurityContext security;

  @Inject Users users;

  @Inject Language language;

  @Inject Feedback feedback;

  private String username;
  private String password;

  /** Someone already signed in has nothing to do here. */
  public void skipIfSignedIn() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    if (external.getUserPrincipal() != null) {
      external.redirect(external.getRequestContextPath() + PanelAuthentication.HOME_PAGE);
    }
  }

  public String submit() {
    FacesContext context = FacesContext.getCurrentInstance();
    ExternalContext external = context.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
        withParams()
            .credential(new UsernamePasswordCredential(username == null ? "" : username, password == null ? "" : password))
            .newAuthentication(true));
    password = null;
    switch (status) {
      case SUCCESS -> {
        language.adopt(users.me().language());
        return "/panel/bots.xhtml?faces-redirect=true";
      }
      case SEND_CONTINUE -> context.responseComplete();
      default -> {
        Object wait = request.getAttribute(PanelAuthentication.THROTTLED);
        if (wait != null) {
          feedback.problem("login.throttled", wait);
        } else {
          feedback.problem("login.invalid");
        }
      }
    }
    return null;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
