package dev.wabots.admin.web;

import dev.wabots.platform.DomainException;
import dev.wabots.users.boundary.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Changing one's own password (the input ids follow the API's field names). */
@Named
@RequestScoped
public class Password {

  @Inject Users users;

  @Inject Feedback feedback;

  private String oldPassword;
  private String newPassword;
  private String repeated;

  public String change() {
    if (newPassword != null && !newPassword.equals(repeated)) {
      feedback.atField("repeated", "password.mismatch");
      return null;
    }
    Users.Login login;
    try {
      login = users.changeOwnPassword(oldPassword, newPassword);
    } catch (DomainException e) {
      feedback.refused(e);
      return null;
    }
    // The change ended every session of the account; this one goes on with the new credentials.
    PanelAuthentication.renew((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest(),
        login.principal());
    feedback.done("password.changed");
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/panel/bots.xhtml?faces-redirect=true";
  }

  public String getOldPassword() {
    return oldPassword;
  }

  public void setOldPassword(String oldPassword) {
    this.oldPassword = oldPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public String getRepeated() {
    return repeated;
  }

  public void setRepeated(String repeated) {
    this.repeated = repeated;
  }
}
