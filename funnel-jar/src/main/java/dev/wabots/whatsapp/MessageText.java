package dev.wabots.whatsapp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One-line-per-part text renderings of messages, for conversation lists, search and alerts: what
 * the customer wrote or tapped, and what the bot sent with its buttons and list rows as the customer
 * saw them. Never empty; media are named in brackets.
 */
public final class MessageText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MessageText() {}

  /** What the customer sent. */
  public static String of(MessageContent content) {
    if (content instanceof MessageContent.Text t) {
      return t.body();
    }
    if (content instanceof MessageContent.InteractiveReply r) {
      return "→ " + r.title();
    }
    if (content instanceof MessageContent.TemplateButton b) {
      return "→ " + b.text();
    }
    if (content instanceof MessageContent.Media m) {
      String what = m.voice() ? "voice note" : m.kind().type();
      String name = m.filename() == null || m.filename().isBlank() ? "" : " " + m.filename();
      String caption = m.caption() == null || m.caption().isBlank() ? "" : " " + m.caption();
      return "[" + what + "]" + name + caption;
    }
    if (content instanceof MessageContent.Location l) {
      String place = String.join(", ", List.of(l.name(), l.address()).stream().filter(s -> s != null && !s.isBlank())
          .toList());
      return "[location] " + (place.isEmpty() ? l.latitude() + ", " + l.longitude() : place);
    }
    if (content instanceof MessageContent.Contacts c) {
      return "[contact] " + c.contacts().stream().map(MessageContent.SharedContact::formattedName)
          .collect(Collectors.joining(", "));
    }
    if (content instanceof MessageContent.Reaction r) {
      return "[reaction] " + (r.emoji() == null || r.emoji().isEmpty() ? "removed" : r.emoji());
    }
    if (content instanceof MessageContent.RequestWelcome) {
      return "[opened the chat]";
    }
    if (content instanceof MessageContent.Edit e) {
      return "[edited] " + e.newText().orElse("");
    }
    if (content instanceof MessageContent.Revoke) {
      return "[deleted a message]";
    }
    if (content instanceof MessageContent.SystemNotice s) {
      return "[system] " + s.body();
    }
    if (content instanceof MessageContent.FlowReply f) {
      return "[form] " + f.body();
    }
    if (content instanceof MessageContent.Order o) {
      return "[order] " + o.items().size() + " item(s)" + (o.text() == null || o.text().isBlank() ? "" : " " + o.text());
    }
    return "[" + content.type() + "]";
  }

  /** What a Cloud API message request shows the customer (its JSON text). */
  public static String ofRequest(String requestJson) {
    JsonNode r;
    try {
      r = JSON.readTree(requestJson);
    } catch (JacksonException e) {
      return "[unreadable message]";
    }
    String type = r.path("type").asText("");
    switch (type) {
      case "text":
        return r.path("text").path("body").asText("");
      case "interactive":
        return interactive(r.path("interactive"));
      case "template":
        return "[template " + r.path("template").path("name").asText("") + "]" + parameters(r.path("template"));
      case "audio":
        return r.path("audio").path("voice").asBoolean(false) ? "[voice note]" : "[audio]";
      case "image":
      case "video":
      case "document":
      case "sticker":
        String caption = r.path(type).path("caption").asText("");
        return "[" + type + "]" + (caption.isEmpty() ? "" : " " + caption);
      case "location":
        return "[location] " + r.path("location").path("name").asText("");
      default:
        return "[" + (type.isEmpty() ? "message" : type) + "]";
    }
  }

  private static String interactive(JsonNode i) {
    List<String> parts = new ArrayList<>();
    String header = i.path("header").path("text").asText("");
    if (!header.isEmpty()) {
      parts.add(header);
    }
    parts.add(i.path("body").path("text").asText(""));
    String footer = i.path("footer").path("text").asText("");
    if (!footer.isEmpty()) {
      parts.add(footer);
    }
    JsonNode action = i.path("action");
    if (i.path("type").asText("").equals("button")) {
      List<String> titles = new ArrayList<>();
      action.path("buttons").forEach(b -> titles.add("[" + b.path("reply").path("title").asText("") + "]"));
      parts.add(String.join(" ", titles));
    } else if (i.path("type").asText("").equals("list")) {
      List<String> rows = new ArrayList<>();
      action.path("sections").forEach(s -> s.path("rows").forEach(row -> rows.add("• " + row.path("title").asText(""))));
      parts.add("[" + action.path("button").asText("") + "]\n" + String.join("\n", rows));
    }
    return String.join("\n", parts.stream().filter(p -> !p.isEmpty()).toList());
  }

  private static String parameters(JsonNode template) {
    List<String> values = new ArrayList<>();
    template.path("components").forEach(c -> c.path("parameters").forEach(p -> values.add(p.path("text").asText(""))));
    return values.isEmpty() ? "" : " " + String.join(", ", values);
  }
}
