package dev.wabots.admin.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

/**
 * The panel's error page: which of a few plain explanations fits (the servlet container and
 * OmniFaces' exception handler both leave the status and exception in the request). Never the
 * exception's text: that is for the server log.
 */
@Named
@RequestScoped
public class ErrorPage {

  /** The message key: {@code error.page.not_found}, {@code .expired} or {@code .unexpected}. */
  public String getReason() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    Object exception = external.getRequestMap().get(RequestDispatcher.ERROR_EXCEPTION);
    Object status = external.getRequestMap().get(RequestDispatcher.ERROR_STATUS_CODE);
    if (exception instanceof ViewExpiredException) {
      return "error.page.expired";
    }
    if (Integer.valueOf(404).equals(status)) {
      return "error.page.not_found";
    }
    return "error.page.unexpected";
  }
}
