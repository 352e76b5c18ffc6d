package dev.wabots.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;

/** Writes Cloud API request bodies; field names and shapes follow Meta's OpenAPI examples. */
final class RequestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RequestJson() {}

  static String text(CloudApiRequest request) {
    try {
      return MAPPER.writeValueAsString(tree(request));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(CloudApiRequest request) {
    if (request instanceof MarkAsRead read) {
      return markAsRead(read);
    }
    MessageRequest addressed = (MessageRequest) request;
    ObjectNode root = NODES.objectNode();
    root.put("messaging_product", "whatsapp");
    root.put("recipient_type", "individual");
    root.put("to", addressed.to().digits());
    OutboundMessage message = addressed.message();
    root.put("type", message.type());
    if (message instanceof TextMessage text) {
      root.putObject("text").put("body", text.body()).put("preview_url", text.previewUrl());
    } else if (message instanceof ReplyButtonsMessage buttons) {
      root.set("interactive", buttons(buttons));
    } else if (message instanceof ListMessage list) {
      root.set("interactive", list(list));
    } else if (message instanceof AudioMessage audio) {
      root.set("audio", audio(audio));
    } else if (message instanceof DocumentMessage document) {
      root.set("document", document(document));
    } else if (message instanceof TemplateMessage template) {
      root.set("template", template(template));
    }
    return root;
  }

  private static ObjectNode markAsRead(MarkAsRead read) {
    ObjectNode root = NODES.objectNode();
    root.put("messaging_product", "whatsapp");
    root.put("status", "read");
    root.put("message_id", read.messageId().value());
    if (read.typingIndicator()) {
      root.putObject("typing_indicator").put("type", "text");
    }
    return root;
  }

  private static ObjectNode buttons(ReplyButtonsMessage message) {
    ObjectNode interactive = interactive("button", message.header(), message.body(), message.footer());
    ArrayNode buttons = interactive.putObject("action").putArray("buttons");
    for (ReplyButton button : message.buttons()) {
      ObjectNode node = buttons.addObject();
      node.put("type", "reply");
      node.putObject("reply").put("id", button.id().value()).put("title", button.title());
    }
    return interactive;
  }

  private static ObjectNode list(ListMessage message) {
    ObjectNode interactive = interactive("list", message.header(), message.body(), message.footer());
    ObjectNode action = interactive.putObject("action");
    action.put("button", message.buttonText());
    ArrayNode sections = action.putArray("sections");
    for (ListSection section : message.sections()) {
      ObjectNode node = sections.addObject();
      if (section.title() != null) {
        node.put("title", section.title());
      }
      ArrayNode rows = node.putArray("rows");
      for (ListRow row : section.rows()) {
        ObjectNode rowNode = rows.addObject().put("id", row.id().value()).put("title", row.title());
        if (row.description() != null) {
          rowNode.put("description", row.description());
        }
      }
    }
    return interactive;
  }

  private static ObjectNode interactive(String type, String header, String body, String footer) {
    ObjectNode interactive = NODES.objectNode();
    interactive.put("type", type);
    if (header != null) {
      interactive.putObject("header").put("type", "text").put("text", header);
    }
    interactive.putObject("body").put("text", body);
    if (footer != null) {
      interactive.putObject("footer").put("text", footer);
    }
    return interactive;
  }

  private static ObjectNode audio(AudioMessage audio) {
    ObjectNode node = NODES.objectNode();
    if (audio.mediaId() != null) {
      node.put("id", audio.mediaId());
    } else {
      node.put("link", audio.link());
    }
    if (audio.voice()) {
      node.put("voice", true);
    }
    return node;
  }

  private static ObjectNode document(DocumentMessage document) {
    ObjectNode node = NODES.objectNode();
    if (document.mediaId() != null) {
      node.put("id", document.mediaId());
    } else {
      node.put("link", document.link());
    }
    if (document.caption() != null) {
      node.put("caption", document.caption());
    }
    node.put("filename", document.filename());
    return node;
  }

  private static ObjectNode template(TemplateMessage template) {
    ObjectNode node = NODES.objectNode();
    node.put("name", template.name());
    node.putObject("language").put("code", template.languageCode());
    if (!template.components().isEmpty()) {
      ArrayNode components = node.putArray("components");
      for (TemplateComponent component : template.components()) {
        components.add(component(component));
      }
    }
    return node;
  }

  private static ObjectNode component(TemplateComponent component) {
    ObjectNode node = NODES.objectNode();
    if (component instanceof TemplateComponent.Header) {
      node.put("type", "header");
    } else if (component instanceof TemplateComponent.Body) {
      node.put("type", "body");
    } else if (component instanceof TemplateComponent.Button button) {
      node.put("type", "button");
      node.put("sub_type", button.subType());
      // Meta documents the index as a string ("0"), which every version accepts.
      node.put("index", Integer.toString(button.index()));
    }
    parameters(node.putArray("parameters"), component.parameters());
    return node;
  }

  private static void parameters(ArrayNode array, List<TemplateParameter> parameters) {
    for (TemplateParameter parameter : parameters) {
      ObjectNode node = array.addObject();
      if (parameter instanceof TemplateParameter.Text text) {
        node.put("type", "text").put("text", text.text());
      } else if (parameter instanceof TemplateParameter.Currency currency) {
        node.put("type", "currency");
        node.putObject("currency")
            .put("fallback_value", currency.fallbackValue())
            .put("code", currency.code())
            .put("amount_1000", currency.amount1000());
      } else if (parameter instanceof TemplateParameter.DateTime dateTime) {
        node.put("type", "date_time");
        dateTime(node.putObject("date_time"), dateTime);
      } else if (parameter instanceof TemplateParameter.Image image) {
        node.put("type", "image");
        ObjectNode media = node.putObject("image");
        if (image.link() != null) {
          media.put("link", image.link());
        } else {
          media.put("id", image.mediaId());
        }
      } else if (parameter instanceof TemplateParameter.Payload payload) {
        node.put("type", "payload").put("payload", payload.payload());
      }
    }
  }

  private static void dateTime(ObjectNode node, TemplateParameter.DateTime dateTime) {
    node.put("fallback_value", dateTime.fallbackValue());
    LocalDateTime at = dateTime.at();
    if (at != null) {
      node.put("calendar", "GREGORIAN");
      node.put("year", at.getYear());
      node.put("month", at.getMonthValue());
      node.put("day_of_month", at.getDayOfMonth());
      node.put("day_of_week", at.getDayOfWeek().getValue());
      node.put("hour", at.getHour());
      node.put("minute", at.getMinute());
    }
  }
}
