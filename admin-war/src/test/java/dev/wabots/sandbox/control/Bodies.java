package dev.wabots.sandbox.control;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies for the tests, built as trees so each test states only what it varies. */
final class Bodies {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Bodies() {}

  static ObjectNode json(String text) {
    return (ObjectNode) JSON.readTree(text);
  }

  static ObjectNode text(String body) {
    ObjectNode message = envelope("text");
    message.putObject("text").put("body", body);
    return message;
  }

  /** A reply-button message with one button per title, ids {@code b0, b1, ...}. */
  static ObjectNode replyButtons(String... titles) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < titles.length; i++) {
      ids.add("b" + i);
    }
    return replyButtons(List.of(titles), ids);
  }

  static ObjectNode replyButtons(List<String> titles, List<String> ids) {
    ObjectNode message = envelope("interactive");
    ObjectNode interactive = message.putObject("interactive").put("type", "button");
    interactive.putObject("body").put("text", "Pick one");
    ArrayNode buttons = interactive.putObject("action").putArray("buttons");
    for (int i = 0; i < titles.size(); i++) {
      ObjectNode button = buttons.addObject().put("type", "reply");
      button.putObject("reply").put("id", ids.get(i)).put("title", titles.get(i));
    }
    return message;
  }

  /** A list message with the given number of rows per section; sections titled S0, S1, ... */
  static ObjectNode list(int... rowsPerSection) {
    ObjectNode message = envelope("interactive");
    ObjectNode interactive = message.putObject("interactive").put("type", "list");
    interactive.putObject("body").put("text", "Choose");
    ObjectNode action = interactive.putObject("action").put("button", "Options");
    ArrayNode sections = action.putArray("sections");
    int n = 0;
    for (int s = 0; s < rowsPerSection.length; s++) {
      ObjectNode section = sections.addObject().put("title", "S" + s);
      ArrayNode rows = section.putArray("rows");
      for (int r = 0; r < rowsPerSection[s]; r++, n++) {
        rows.addObject().put("id", "row" + n).put("title", "Row " + n);
      }
    }
    return message;
  }

  static ObjectNode audioLink(String link) {
    ObjectNode message = envelope("audio");
    message.putObject("audio").put("link", link);
    return message;
  }

  static ObjectNode envelope(String type) {
    return JSON.createObjectNode()
        .put("messaging_product", "whatsapp")
        .put("recipient_type", "individual")
        .put("to", "+4915112345678")
        .put("type", type);
  }
}
