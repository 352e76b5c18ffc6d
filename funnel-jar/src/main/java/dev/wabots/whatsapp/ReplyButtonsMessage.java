package dev.wabots.whatsapp;

import java.util.List;
import java.util.Set;

/**
 * An interactive message with 1–3 quick-reply buttons.
 *
 * @param header optional text header (at most 60 characters), may be null
 * @param body the body (at most 1024 characters)
 * @param footer optional footer (at most 60 characters), may be null
 * @param buttons 1–3 buttons with unique titles and ids
 */
public record ReplyButtonsMessage(String header, String body, String footer, List<ReplyButton> buttons)
    implements OutboundMessage {

  /** @throws LimitViolationException naming the first field that breaks a limit */
  public ReplyButtonsMessage {
    Checks.optional("interactive.header.text", header, CloudApiLimits.HEADER_TEXT);
    Checks.required("interactive.body.text", body, CloudApiLimits.INTERACTIVE_BODY);
    Checks.optional("interactive.footer.text", footer, CloudApiLimits.FOOTER);
    buttons = List.copyOf(buttons);
    Checks.count("interactive.action.buttons", buttons.size(), 1, CloudApiLimits.REPLY_BUTTONS);
    Set<String> titles = Checks.newSeen();
    Set<String> ids = Checks.newSeen();
    for (int i = 0; i < buttons.size(); i++) {
      String path = "interactive.action.buttons[" + i + "].reply.";
      Checks.unique(path + "title", titles, buttons.get(i).title());
      Checks.unique(path + "id", ids, buttons.get(i).id().value());
    }
  }

  /** A message with a body and buttons only. */
  public static ReplyButtonsMessage of(String body, List<ReplyButton> buttons) {
    return new ReplyButtonsMessage(null, body, null, buttons);
  }

  @Override
  public String type() {
    return "interactive";
  }
}
