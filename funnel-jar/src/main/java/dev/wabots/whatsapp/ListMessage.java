package dev.wabots.whatsapp;

import java.util.List;
import java.util.Set;

/**
 * An interactive list message: a button that opens up to 10 rows in up to 10 sections. WhatsApp
 * lists are single-select.
 *
 * @param header optional text header (at most 60 characters), may be null
 * @param body the body (at most 1024 characters)
 * @param footer optional footer (at most 60 characters), may be null
 * @param buttonText the label of the button that opens the list (at most 20 characters)
 * @param sections 1–10 sections, at most 10 rows in total, row ids unique
 */
public record ListMessage(
    String header, String body, String footer, String buttonText, List<ListSection> sections)
    implements OutboundMessage {

  /** @throws LimitViolationException naming the first field that breaks a limit */
  public ListMessage {
    Checks.optional("interactive.header.text", header, CloudApiLimits.HEADER_TEXT);
    Checks.required("interactive.body.text", body, CloudApiLimits.INTERACTIVE_BODY);
    Checks.optional("interactive.footer.text", footer, CloudApiLimits.FOOTER);
    Checks.required("interactive.action.button", buttonText, CloudApiLimits.LIST_BUTTON_TEXT);
    sections = List.copyOf(sections);
    Checks.count("interactive.action.sections", sections.size(), 1, CloudApiLimits.LIST_SECTIONS);
    int rows = 0;
    Set<String> ids = Checks.newSeen();
    Set<String> titles = Checks.newSeen();
    for (int s = 0; s < sections.size(); s++) {
      ListSection section = sections.get(s);
      String path = "interactive.action.sections[" + s + "]";
      if (sections.size() > 1 && section.title() == null) {
        throw new LimitViolationException(
            path + ".title", "required when the list has more than one section", null);
      }
      if (section.title() != null) {
        Checks.unique(path + ".title", titles, section.title());
      }
      for (int r = 0; r < section.rows().size(); r++) {
        Checks.unique(path + ".rows[" + r + "].id", ids, section.rows().get(r).id().value());
      }
      rows += section.rows().size();
    }
    if (rows > CloudApiLimits.LIST_ROWS) {
      throw LimitViolationException.count(
          "interactive.action.sections[].rows",
          "at most " + CloudApiLimits.LIST_ROWS + " rows across all sections",
          rows);
    }
  }

  /** A list with one untitled section. */
  public static ListMessage of(String body, String buttonText, List<ListRow> rows) {
    return new ListMessage(null, body, null, buttonText, List.of(new ListSection(null, rows)));
  }

  @Override
  public String type() {
    return "interactive";
  }
}
