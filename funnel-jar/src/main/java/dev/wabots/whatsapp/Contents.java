package dev.wabots.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the typed content of one webhook message; never throws for odd content. */
final class Contents {
  private Contents() {}

  static MessageContent read(JsonNode message) {
    String type = message.path("type").asText("");
    try {
      MessageContent content = byType(type, message);
      return content != null ? content : unsupported(type, "payload missing or unreadable", message);
    } catch (RuntimeException e) {
      return unsupported(type, "unreadable " + type + " payload: " + e.getMessage(), message);
    }
  }

  private static MessageContent byType(String type, JsonNode message) {
    JsonNode payload = message.path(type);
    switch (type) {
      case "text":
        return payload.has("body") ? new MessageContent.Text(payload.path("body").asText()) : null;
      case "image":
      case "video":
      case "audio":
      case "document":
      case "sticker":
        return media(MessageContent.MediaKind.valueOf(type.toUpperCase(java.util.Locale.ROOT)), payload);
      case "location":
        return location(payload);
      case "contacts":
        return contacts(message.path("contacts"));
      case "reaction":
        return reaction(payload);
      case "button":
        return payload.isObject()
            ? new MessageContent.TemplateButton(text(payload, "payload"), text(payload, "text"))
            : null;
      case "interactive":
        return interactive(payload);
      case "order":
        return order(payload);
      case "system":
        return payload.isObject()
            ? new MessageContent.SystemNotice(
                text(payload, "type"), text(payload, "body"), optional(payload, "wa_id"))
            : null;
      case "edit":
        return edit(message, payload);
      case "revoke":
        return original(message, payload).map(MessageContent.Revoke::new).orElse(null);
      case "request_welcome":
        return new MessageContent.RequestWelcome();
      default:
        return unsupported(type, type.isEmpty() ? "no type" : "type not supported", message);
    }
  }

  private static MessageContent media(MessageContent.MediaKind kind, JsonNode payload) {
    String id = text(payload, "id");
    if (id.isBlank()) {
      return null;
    }
    return new MessageContent.Media(
        kind,
        id,
        text(payload, "mime_type"),
        text(payload, "caption"),
        text(payload, "filename"),
        payload.path("voice").asBoolean(false),
        payload.path("animated").asBoolean(false));
  }

  private static MessageContent location(JsonNode payload) {
    if (!payload.has("latitude") || !payload.has("longitude")) {
      return null;
    }
    return new MessageContent.Location(
        Double.parseDouble(payload.path("latitude").asText()),
        Double.parseDouble(payload.path("longitude").asText()),
        text(payload, "name"),
        text(payload, "address"),
        text(payload, "url"));
  }

  private static MessageContent contacts(JsonNode array) {
    if (!array.isArray()) {
      return null;
    }
    List<MessageContent.SharedContact> contacts = new ArrayList<>();
    for (JsonNode card : array) {
      List<String> phones = new ArrayList<>();
      for (JsonNode phone : card.path("phones")) {
        phones.add(text(phone, "phone"));
      }
      contacts.add(new MessageContent.SharedContact(text(card.path("name"), "formatted_name"), phones));
    }
    return new MessageContent.Contacts(contacts);
  }

  private static MessageContent reaction(JsonNode payload) {
    String target = text(payload, "message_id");
    return target.isBlank()
        ? null
        : new MessageContent.Reaction(new MessageId(target), text(payload, "emoji"));
  }

  private static MessageContent interactive(JsonNode payload) {
    if (!payload.isObject()) {
      return null;
    }
    String kind = text(payload, "type");
    switch (kind) {
      case "button_reply":
      case "list_reply":
        JsonNode reply = payload.path(kind);
        String id = text(reply, "id");
        if (id.isBlank() || CloudApiLimits.length(id) > CloudApiLimits.BUTTON_ID) {
          return null;
        }
        return new MessageContent.InteractiveReply(
            kind.equals("list_reply"), ReplyId.of(id), text(reply, "title"), text(reply, "description"));
      case "nfm_reply":
        JsonNode flow = payload.path("nfm_reply");
        return new MessageContent.FlowReply(
            text(flow, "name"), text(flow, "body"), text(flow, "response_json"));
      default:
        return null;
    }
  }

  private static MessageContent order(JsonNode payload) {
    if (!payload.isObject()) {
      return null;
    }
    List<MessageContent.OrderItem> items = new ArrayList<>();
    for (JsonNode item : payload.path("product_items")) {
      items.add(
          new MessageContent.OrderItem(
              text(item, "product_retailer_id"),
              item.path("quantity").asInt(0),
              new BigDecimal(item.path("item_price").asText("0")),
              text(item, "currency")));
    }
    return new MessageContent.Order(text(payload, "catalog_id"), text(payload, "text"), items);
  }

  private static MessageContent edit(JsonNode message, JsonNode payload) {
    Optional<MessageId> original = original(message, payload);
    if (original.isEmpty()) {
      return null;
    }
    JsonNode edited = payload.path("message");
    JsonNode body = edited.path("text").path("body");
    if (body.isMissingNode()) {
      body = payload.path("text").path("body");
    }
    return new MessageContent.Edit(
        original.get(), body.isTextual() ? Optional.of(body.asText()) : Optional.empty());
  }

  /** The id of the message an edit or revoke refers to. */
  private static Optional<MessageId> original(JsonNode message, JsonNode payload) {
    String id = text(payload, "original_message_id");
    if (id.isBlank()) {
      id = text(message.path("context"), "id");
    }
    return id.isBlank() ? Optional.empty() : Optional.of(new MessageId(id));
  }

  private static MessageContent.Unsupported unsupported(String type, String reason, JsonNode message) {
    return new MessageContent.Unsupported(type, reason, errors(message.path("errors")));
  }

  static List<WebhookError> errors(JsonNode array) {
    List<WebhookError> errors = new ArrayList<>();
    for (JsonNode error : array) {
      errors.add(
          new WebhookError(
              error.path("code").asInt(0),
              text(error, "title"),
              text(error, "message"),
              text(error.path("error_data"), "details")));
    }
    return errors;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() ? value.asText("") : "";
  }

  private static Optional<String> optional(JsonNode node, String field) {
    String value = text(node, field);
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
