package dev.wabots.funnel;

import dev.wabots.whatsapp.CloudApiLimits;
import dev.wabots.whatsapp.MessageContent;
import dev.wabots.whatsapp.ReplyId;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the user did, as far as the funnel cares. Build it from a webhook message with {@link #of}. */
public sealed interface FunnelInput {

  /** Free text. */
  record Text(String text) implements FunnelInput {}

  /** A tap on a button or list row (or a template quick reply whose payload is an id). */
  record Reply(ReplyId id) implements FunnelInput {}

  /** Video, orders, unsupported types…: answered with "I understand text and buttons". */
  record NonText(String type) implements FunnelInput {}

  /**
   * Something the customer sent that the bot kept (a document, a location, contacts, a sticker) or
   * could not understand (a photo, a voice note): answered with the attachment's screen, its
   * placeholders filled from {@code values}.
   */
  record Shared(Attachment attachment, Map<String, String> values) implements FunnelInput {
    /** Copies the values; null reads as none. */
    public Shared {
      java.util.Objects.requireNonNull(attachment, "attachment");
      Map<String, String> capped = new java.util.HashMap<>();
      if (values != null) {
        values.forEach((k, v) -> capped.put(k, cap(v == null ? "" : v, Attachment.MAX_VALUE)));
      }
      values = Map.copyOf(capped);
    }
  }

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
    if (content instanceof MessageContent.Media media) {
      return switch (media.kind()) {
        case STICKER -> new Shared(Attachment.STICKER, Map.of());
        case DOCUMENT -> new Shared(Attachment.DOCUMENT, Map.of("filename", fileName(media.filename())));
        case IMAGE -> new Shared(Attachment.IMAGE_NOT_UNDERSTOOD, Map.of("caption", media.caption()));
        case AUDIO -> new Shared(Attachment.VOICE_NOT_UNDERSTOOD, Map.of());
        case VIDEO -> new NonText(content.type());
      };
    }
    if (content instanceof MessageContent.Location l) {
      String lat = String.format(Locale.ROOT, "%.6f", l.latitude());
      String lon = String.format(Locale.ROOT, "%.6f", l.longitude());
      String named = (l.name() + (l.name().isBlank() || l.address().isBlank() ? "" : ", ") + l.address()).strip();
      return new Shared(Attachment.LOCATION,
          Map.of("latitude", lat, "longitude", lon, "place", named.isEmpty() ? lat + ", " + lon : named));
    }
    if (content instanceof MessageContent.Contacts c) {
      String names = c.contacts().stream().map(MessageContent.SharedContact::formattedName)
          .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(", "));
      return new Shared(Attachment.CONTACTS, Map.of("contacts", names));
    }
    return new NonText(content.type());
  }

  /** A file name as shown to the customer: without folders and control characters, at most 100 characters. */
  static String fileName(String name) {
    String clean = name == null ? "" : name.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").replaceAll("[*_~`]+", " ").strip();
    if (clean.isEmpty()) {
      return "file";
    }
    return cap(clean, 100);
  }

  private static String cap(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
