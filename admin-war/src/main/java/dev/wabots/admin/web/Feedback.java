package dev.wabots.admin.web;

import dev.wabots.platform.Conflict;
import dev.wabots.platform.DomainException;
import dev.wabots.platform.FieldError;
import dev.wabots.platform.Invalid;
import dev.wabots.platform.TooManyRequests;
import dev.wabots.platform.Unauthorized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIForm;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.omnifaces.util.Components;

/**
 * What the panel says back after an action, in the person's language: a growl when something
 * worked, and the domain's refusals next to the fields they concern. A field error's JSON name
 * ({@code llm_params.max_tokens}, {@code allowed_phones[2]}) finds its input by the camel-case id
 * the views give it ({@code maxTokens}, {@code allowedPhones}) in the submitted form.
 */
@ApplicationScoped
public class Feedback {

  private static final Pattern INDEX = Pattern.compile("\\[\\d+]$");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** A growl saying that something worked. */
  public void done(String key, Object... args) {
    add(null, FacesMessage.SEVERITY_INFO, text(key, args));
  }

  /** A growl saying that something could not be done; the action counts as failed. */
  public void problem(String key, Object... args) {
    add(null, FacesMessage.SEVERITY_ERROR, text(key, args));
    FacesContext.getCurrentInstance().validationFailed();
  }

  /** A message under one input of the submitted form (or in the growl if it is not there). */
  public void atField(String inputId, String key, Object... args) {
    String text = text(key, args);
    UIComponent input = input(inputId);
    add(input == null ? null : input.getClientId(), FacesMessage.SEVERITY_ERROR, text);
    FacesContext.getCurrentInstance().validationFailed();
  }

  /**
   * The domain said no: every field error under its input in the submitted form (the others in
   * the growl), or one growl for refusals without fields. A caller whose account is gone or
   * disabled is signed out.
   */
  public void refused(DomainException e) {
    refused(e, "");
  }

  /**
   * As {@link #refused(DomainException)}, with texts of the {@code scope} looked up first
   * ({@code "provider."}: {@code error.provider.name.conflict} before {@code error.name.conflict}).
   */
  public void refused(DomainException e, String scope) {
    FacesContext context = FacesContext.getCurrentInstance();
    if (e instanceof Unauthorized) {
      Account.signOut(context);
      return;
    }
    List<FieldError> fields = fieldsOf(e);
    boolean marked = false;
    for (FieldError field : fields) {
      String text = fieldText(e, field, scope);
      UIComponent input = input(inputId(field.field()));
      marked |= input != null;
      add(input == null ? null : input.getClientId(context), FacesMessage.SEVERITY_ERROR, text);
    }
    if (marked) {
      add(null, FacesMessage.SEVERITY_ERROR, text("error.fields"));
    }
    if (fields.isEmpty()) {
      add(null, FacesMessage.SEVERITY_ERROR, generalText(e));
    }
    context.validationFailed();
  }

  /**
   * The domain said no, in the API's own words: each field error's message exactly as the API's
   * 400 lists it, under its input in the submitted form (else in the growl, named by its field).
   * For forms whose rules live wholly in the domain (the business profile, alert channels), so the
   * panel and the API never disagree.
   */
  public void refusedAsApi(DomainException e) {
    FacesContext context = FacesContext.getCurrentInstance();
    if (e instanceof Unauthorized) {
      Account.signOut(context);
      return;
    }
    List<FieldError> fields = fieldsOf(e);
    for (FieldError field : fields) {
      UIComponent input = input(inputId(field.field()));
      add(input == null ? null : input.getClientId(context), FacesMessage.SEVERITY_ERROR,
          input == null ? field.field() + ": " + field.message() : field.message());
    }
    add(null, FacesMessage.SEVERITY_ERROR, fields.isEmpty() ? generalText(e) : text("error.fields"));
    context.validationFailed();
  }

  /** A text of the panel's bundle in the view's language; an unknown key shows as itself. */
  public String text(String key, Object... args) {
    ResourceBundle bundle = bundle();
    if (!bundle.containsKey(key)) {
      return key;
    }
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  /** {@code llm_params.max_tokens} → {@code maxTokens}; {@code allowed_phones[2]} → {@code allowedPhones}. */
  static String inputId(String jsonField) {
    String name = INDEX.matcher(jsonField).replaceAll("");
    name = name.substring(name.lastIndexOf('.') + 1);
    StringBuilder id = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        id.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return id.toString();
  }

  private String fieldText(DomainException e, FieldError field, String scope) {
    String base = INDEX.matcher(field.field()).replaceAll("");
    Matcher quoted = QUOTED.matcher(field.message());
    Object value = quoted.find() ? quoted.group(1) : "";
    ResourceBundle bundle = bundle();
    for (String key : List.of(
        e instanceof Conflict && !scope.isEmpty() ? "error." + scope + base + ".conflict" : "",
        scope.isEmpty() ? "" : "error." + scope + base,
        e instanceof Conflict ? "error." + base + ".conflict" : "",
        field.message().endsWith("required in live mode") ? "error.live_required" : "",
        field.message().startsWith("switching to live") ? "error.live_own_value" : "",
        "error." + base)) {
      if (!key.isEmpty() && bundle.containsKey(key)) {
        return text(key, value);
      }
    }
    return field.field() + ": " + field.message();
  }

  private String generalText(DomainException e) {
    if (e instanceof TooManyRequests tooMany) {
      return text("error.too_many_requests", tooMany.retryAfterSeconds());
    }
    String key = "error." + e.code();
    return bundle().containsKey(key) && !(e instanceof Conflict) ? text(key) : e.getMessage();
  }

  private static List<FieldError> fieldsOf(DomainException e) {
    if (e instanceof Invalid invalid) {
      return invalid.fields();
    }
    if (e instanceof Conflict conflict) {
      return conflict.fields();
    }
    return List.of();
  }

  private static UIComponent input(String id) {
    UIForm form = Components.getCurrentForm();
    return form == null ? null : form.findComponent(id);
  }

  private static void add(String clientId, FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, text));
  }

  private static ResourceBundle bundle() {
    FacesContext context = FacesContext.getCurrentInstance();
    return context.getApplication().getResourceBundle(context, "msg");
  }

  private static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }
}
