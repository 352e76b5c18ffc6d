package dev.wabots.whatsapp;

import java.util.List;

/**
 * A message template approved in WhatsApp Manager — the only kind of message allowed outside the
 * 24-hour customer service window.
 *
 * @param name the template name (at most 512 characters)
 * @param languageCode the template language and locale, e.g. {@code ru} or {@code en_US}
 * @param components parameter values for the header, body and buttons (may be empty)
 */
public record TemplateMessage(String name, String languageCode, List<TemplateComponent> components)
    implements OutboundMessage {

  /** @throws LimitViolationException if the name or language is blank or the name too long */
  public TemplateMessage {
    Checks.required("template.name", name, CloudApiLimits.TEMPLATE_NAME);
    Checks.required("template.language.code", languageCode, 32);
    components = List.copyOf(components);
  }

  @Override
  public String type() {
    return "template";
  }
}
