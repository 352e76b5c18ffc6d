package dev.wabots.funnel;

import dev.wabots.whatsapp.CloudApiLimits;
import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.ReplyId;

/** What the user did, as far as the funnel cares. Build it from a webhook message with {@link #of}. */
public sealed interface FunnelInput {

  /** Free text. */
  record Text(String text) implements FunnelInput {}

  /** A tap on a button or list row (or a template quick reply whose payload is an id). */
  record Reply(ReplyId id) implements FunnelInput {}

  /** Media, location, contacts, orders…: answered with "I understand text and buttons". */
  record NonText(String type) implements FunnelInput {}

  /** Reactions, edits, deletions and system notices: no answer. */
  record Ignored(String type) implements FunnelInput {}

  /** Maps a webhook message's content to the funnel's view of it. */
  public static FunnelInput of(MessageContent content) {
    if (content instanceof MessageContent.Text text) {
      return new Text(text.body());
    }
    if (content instanceof MessageContent.InteractiveReply reply) {
      return new Reply(reply.id());
    }
    if (content instanceof MessageContent.TemplateButton button) {
      String payload = button.payload();
      boolean usable = !payload.isBlank() && CloudApiLimits.length(payload) <= CloudApiLimits.BUTTON_ID;
      return usable ? new Reply(ReplyId.of(payload)) : new Text(button.text());
    }
    if (content instanceof MessageContent.RequestWelcome) {
      return new Reply(ReplyId.of("nav:welcome"));
    }
    if (content instanceof MessageContent.Reaction
        || content instanceof MessageContent.Edit
        || content instanceof MessageContent.Revoke
        || content instanceof MessageContent.SystemNotice) {
      return new Ignored(content.type());
    }
    return new NonText(content.type());
  }
}
