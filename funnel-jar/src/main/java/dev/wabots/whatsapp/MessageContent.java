package dev.wabots.whatsapp;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The typed content of an {@link InboundMessage}, one record per webhook message type. Types this
 * library does not know, and known types that arrive malformed, become {@link Unsupported}.
 */
public sealed interface MessageContent {

  /** The webhook's {@code type} of the message. */
  String type();

  /** A text message. */
  record Text(String body) implements MessageContent {
    @Override
    public String type() {
      return "text";
    }
  }

  /**
   * An image, video, audio, document or sticker. Fetch the file by {@code mediaId} (valid 7 days).
   *
   * @param kind the media type
   * @param mediaId the media id
   * @param mimeType MIME type, may be empty
   * @param caption caption (image, video, document), may be empty
   * @param filename document file name, may be empty
   * @param voice an audio recorded as a voice note
   * @param animated an animated sticker
   */
  record Media(
      MediaKind kind,
      String mediaId,
      String mimeType,
      String caption,
      String filename,
      boolean voice,
      boolean animated)
      implements MessageContent {
    @Override
    public String type() {
      return kind.type();
    }
  }

  /** A shared location; name, address and url are empty for a plain "current location". */
  record Location(double latitude, double longitude, String name, String address, String url)
      implements MessageContent {
    @Override
    public String type() {
      return "location";
    }
  }

  /** Shared contact cards. */
  record Contacts(List<SharedContact> contacts) implements MessageContent {
    /** Copies the list. */
    public Contacts {
      contacts = List.copyOf(contacts);
    }

    @Override
    public String type() {
      return "contacts";
    }
  }

  /**
   * A reaction to one of the bot's messages.
   *
   * @param messageId the message reacted to
   * @param emoji the emoji; empty when the user removed the reaction
   */
  record Reaction(MessageId messageId, String emoji) implements MessageContent {
    /** Whether this removes an earlier reaction. */
    public boolean removed() {
      return emoji.isEmpty();
    }

    @Override
    public String type() {
      return "reaction";
    }
  }

  /** A tap on a template's quick-reply button ({@code type: button}). */
  record TemplateButton(String payload, String text) implements MessageContent {
    @Override
    public String type() {
      return "button";
    }
  }

  /**
   * A tap on a reply button or a list row the bot sent ({@code interactive.button_reply} or
   * {@code interactive.list_reply}).
   *
   * @param fromList true for a list row, false for a reply button
   * @param id the id of the button or row
   * @param title its title
   * @param description the row description, empty for buttons
   */
  record InteractiveReply(boolean fromList, ReplyId id, String title, String description)
      implements MessageContent {
    @Override
    public String type() {
      return "interactive";
    }
  }

  /** A WhatsApp Flow response ({@code interactive.nfm_reply}); {@code responseJson} is raw. */
  record FlowReply(String name, String body, String responseJson) implements MessageContent {
    @Override
    public String type() {
      return "interactive";
    }
  }

  /** An order from the catalog. */
  record Order(String catalogId, String text, List<OrderItem> items) implements MessageContent {
    /** Copies the list. */
    public Order {
      items = List.copyOf(items);
    }

    @Override
    public String type() {
      return "order";
    }
  }

  /** A system notice, e.g. the user changed number ({@code newWaId} then holds the new one). */
  record SystemNotice(String systemType, String body, Optional<String> newWaId)
      implements MessageContent {
    @Override
    public String type() {
      return "system";
    }
  }

  /** The user edited an earlier message; {@code newText} is the new text when it is text. */
  record Edit(MessageId originalId, Optional<String> newText) implements MessageContent {
    @Override
    public String type() {
      return "edit";
    }
  }

  /** The user deleted ("revoked") an earlier message. */
  record Revoke(MessageId originalId) implements MessageContent {
    @Override
    public String type() {
      return "revoke";
    }
  }

  /** The user opened the chat for the first time and asked for a welcome. */
  record RequestWelcome() implements MessageContent {
    @Override
    public String type() {
      return "request_welcome";
    }
  }

  /**
   * A message this library cannot type: Meta's {@code unsupported} / {@code unknown}, a type that
   * did not exist when this was written, or a known type without its payload.
   *
   * @param type the webhook's {@code type}, as received
   * @param reason why it is unsupported
   * @param errors the errors Meta attached, if any
   */
  record Unsupported(String type, String reason, List<WebhookError> errors)
      implements MessageContent {
    /** Copies the list. */
    public Unsupported {
      errors = List.copyOf(errors);
    }
  }

  /** The media kinds of {@link Media}. */
  enum MediaKind {
    /** image */
    IMAGE,
    /** video */
    VIDEO,
    /** audio, including voice notes */
    AUDIO,
    /** document */
    DOCUMENT,
    /** sticker */
    STICKER;

    /** The webhook's {@code type} string. */
    public String type() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One shared contact card: a formatted name and its phone numbers. */
  record SharedContact(String formattedName, List<String> phones) {
    /** Copies the list. */
    public SharedContact {
      phones = List.copyOf(phones);
    }
  }

  /** One line of an order. */
  record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {}
}
