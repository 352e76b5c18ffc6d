package dev.wabots.bot.inbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabots.bot.inbox.Reply.AskAi;
import dev.wabots.bot.inbox.Reply.Draft;
import dev.wabots.bot.inbox.Reply.Send;
import dev.wabots.bot.inbox.Reply.VoiceNote;
import dev.wabots.funnel.DraftRequest;
import java.util.ArrayList;
import java.util.List;

/** A plan of {@link Reply}s as the inbox stores it. */
final class Plans {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Plans() {}

  /** The plan as stored: {@code [{"send":{…},"type":"text"},{"ai":"…"},{"voice":"…"},{"draft":{…}}]}. */
  static String encode(List<Reply> plan) {
    ArrayNode array = JSON.createArrayNode();
    for (Reply r : plan) {
      ObjectNode item = array.addObject();
      if (r instanceof Send s) {
        try {
          item.set("send", JSON.readTree(s.request()));
        } catch (JacksonException e) {
          throw new IllegalArgumentException("a planned request is not JSON: " + e.getOriginalMessage(), e);
        }
        item.put("type", s.type());
      } else if (r instanceof AskAi a) {
        item.put("ai", a.text());
        if (a.image() != null) {
          item.put("image", a.image());
        }
      } else if (r instanceof VoiceNote v) {
        item.put("voice", v.text());
      } else if (r instanceof Draft d) {
        item.set("draft", JSON.valueToTree(d.request()));
      }
    }
    return array.toString();
  }

  /**
   * Reads a stored plan. Plans of earlier builds (an array of request texts, with {@code "@ai:"} and
   * {@code "@voice:"} prefixes) are still read, so an upgrade resumes what a crash left.
   *
   * @throws IllegalArgumentException if the text is not a plan
   */
  static List<Reply> decode(String stored) {
    if (stored == null || stored.isBlank()) {
      return List.of();
    }
    JsonNode array;
    try {
      array = JSON.readTree(stored);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the stored plan is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("the stored plan is not an array");
    }
    List<Reply> plan = new ArrayList<>();
    for (JsonNode item : array) {
      if (item.isTextual()) {
        plan.add(legacy(item.asText()));
      } else if (item.has("send")) {
        plan.add(new Send(item.path("type").asText("text"), item.get("send").toString()));
      } else if (item.has("ai")) {
        plan.add(new AskAi(item.get("ai").asText(), item.hasNonNull("image") ? item.get("image").asText() : null));
      } else if (item.has("voice")) {
        plan.add(new VoiceNote(item.get("voice").asText()));
      } else if (item.has("draft")) {
        plan.add(new Draft(draft(item.get("draft"))));
      } else {
        throw new IllegalArgumentException("unknown plan step: " + item);
      }
    }
    return plan;
  }

  private static DraftRequest draft(JsonNode node) {
    try {
      return JSON.treeToValue(node, DraftRequest.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalArgumentException("a stored draft request is unreadable: " + e.getMessage(), e);
    }
  }

  private static Reply legacy(String text) {
    if (text.startsWith("@ai:")) {
      return new AskAi(text.substring(4));
    }
    if (text.startsWith("@voice:")) {
      return new VoiceNote(text.substring(7));
    }
    try {
      return new Send(JSON.readTree(text).path("type").asText("text"), text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("a stored request is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
