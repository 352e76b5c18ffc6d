package dev.wabots.whatsapp;

import java.util.List;

/** Parameter values for one component of a {@link TemplateMessage}. */
public sealed interface TemplateComponent {

  /** The parameters of this component, in template order. */
  List<TemplateParameter> parameters();

  /** Values for the header's variable (text or media). */
  record Header(List<TemplateParameter> parameters) implements TemplateComponent {
    /** Copies the list. */
    public Header {
      parameters = List.copyOf(parameters);
    }
  }

  /** Values for the body's {@code {{n}}} variables. */
  record Body(List<TemplateParameter> parameters) implements TemplateComponent {
    /** Copies the list. */
    public Body {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * Values for one button of the template.
   *
   * @param subType the button kind, e.g. {@code quick_reply} or {@code url}
   * @param index the button position, 0–9
   */
  record Button(String subType, int index, List<TemplateParameter> parameters)
      implements TemplateComponent {
    /** @throws LimitViolationException if the index is outside 0–9 or the sub-type blank */
    public Button {
      Checks.required("template.components[].sub_type", subType, 32);
      if (index < 0 || index > 9) {
        throw new LimitViolationException(
            "template.components[].index", "between 0 and 9", Integer.toString(index));
      }
      parameters = List.copyOf(parameters);
    }
  }
}
