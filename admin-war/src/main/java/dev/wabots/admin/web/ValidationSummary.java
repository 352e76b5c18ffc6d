package dev.wabots.admin.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.util.ResourceBundle;

/**
 * When Faces itself refuses input (a number that is not one, a value off the slider), the
 * messages sit under their fields; this adds the one growl that says so, as the domain's
 * refusals get from {@link Feedback}.
 */
public class ValidationSummary implements PhaseListener {

  private static final long serialVersionUID = 1L;

  @Override
  public PhaseId getPhaseId() {
    return PhaseId.PROCESS_VALIDATIONS;
  }

  @Override
  public void afterPhase(PhaseEvent event) {
    FacesContext context = event.getFacesContext();
    if (context.isValidationFailed() && context.getMessageList(null).isEmpty()) {
      ResourceBundle bundle = context.getApplication().getResourceBundle(context, "msg");
      String text = bundle.getString("error.fields");
      context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    }
  }

  @Override
  public void beforePhase(PhaseEvent event) {
    // nothing before
  }
}
