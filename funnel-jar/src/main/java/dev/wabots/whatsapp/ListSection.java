package dev.wabots.whatsapp;

import java.util.List;

/**
 * A section of a list message.
 *
 * @param title the section title (at most 24 characters); required when the list has more than
 *     one section, may be null otherwise
 * @param rows at least one row
 */
public record ListSection(String title, List<ListRow> rows) {
  /** @throws LimitViolationException if the title is too long or there are no rows */
  public ListSection {
    Checks.optional("interactive.action.sections[].title", title, CloudApiLimits.SECTION_TITLE);
    rows = List.copyOf(rows);
    Checks.count("interactive.action.sections[].rows", rows.size(), 1, CloudApiLimits.LIST_ROWS);
  }
}
