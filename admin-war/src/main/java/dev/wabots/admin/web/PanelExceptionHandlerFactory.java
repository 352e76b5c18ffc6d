package dev.wabots.admin.web;

import dev.wabots.platform.Unauthorized;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;
import org.omnifaces.exceptionhandler.FullAjaxExceptionHandler;
import org.omnifaces.util.Exceptions;

/**
 * The panel's exception handling: a person whose account was disabled or deleted while signed in
 * is signed out; any other exception shows the panel's error page, in an Ajax request too
 * (OmniFaces' {@link FullAjaxExceptionHandler}). The error pages in web.xml belong to the JSON
 * API, so the panel's page is named here.
 */
public class PanelExceptionHandlerFactory extends ExceptionHandlerFactory {

  static final String ERROR_VIEW = "/panel/error.xhtml";

  public PanelExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new PanelExceptionHandler(getWrapped().getExceptionHandler());
  }

  static final class PanelExceptionHandler extends FullAjaxExceptionHandler {

    PanelExceptionHandler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      FacesContext context = FacesContext.getCurrentInstance();
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        if (Exceptions.is(events.next().getContext().getException(), Unauthorized.class)) {
          events.remove();
          if (!context.getResponseComplete()) {
            Account.signOut(context);
          }
        }
      }
      super.handle();
    }

    @Override
    protected String findErrorPageLocation(FacesContext context, Throwable exception) {
      return ERROR_VIEW;
    }
  }
}
