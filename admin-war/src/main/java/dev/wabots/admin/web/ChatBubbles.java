package dev.wabots.admin.web;

import dev.wabots.platform.StrictJson;
import dev.wabots.sandbox.control.SandboxStore;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sandbox conversation as chat bubbles: the user's messages (the webhooks the sandbox sent) on
 * the right, the bot's Graph API sends on the left with their delivery ticks, interactive parts
 * (header, buttons, list, footer) and media; a send the sandbox refused as a red system note. The
 * bot's read receipts are no bubbles: they turn the user's ticks blue, and a fresh one with a
 * typing indicator shows "typing…".
 */
public final class ChatBubbles {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  /** WhatsApp shows a typing indicator for at most 25 s, or until the reply. */
  static final Duration TYPING = Duration.ofSeconds(25);

  private ChatBubbles() {}

  /** A button or list row the user can tap. */
  public record Choice(String id, String title, String description) implements Serializable {}

  /** A list message's section. */
  public record Section(String title, List<Choice> rows) implements Serializable {}

  /**
   * One bubble. {@code kind}: text, interactive, audio, image, video, document, other or note (a
   * refused send); texts as safe HTML; {@code ticks}: sent, delivered, read, failed or null.
   * {@code fileUrl}: where the panel shows a customer's file the bot keeps (path under the context,
   * any bot's), or null — then {@code mediaId} names sandbox media.
   */
  public record Bubble(long seq, boolean out, String kind, String time, String ticks, String headerHtml, String bodyHtml,
      String footerHtml, List<Choice> buttons, String listButton, List<Section> sections, String mediaId,
      String mediaName, String linkTitle, String linkUrl, List<String> errors, String author, String fileUrl)
      implements Serializable {

    /** A bubble without a kept file of the customer's. */
    public Bubble(long seq, boolean out, String kind, String time, String ticks, String headerHtml, String bodyHtml,
        String footerHtml, List<Choice> buttons, String listButton, List<Section> sections, String mediaId,
        String mediaName, String linkTitle, String linkUrl, List<String> errors, String author) {
      this(seq, out, kind, time, ticks, headerHtml, bodyHtml, footerHtml, buttons, listButton, sections, mediaId,
          mediaName, linkTitle, linkUrl, errors, author, null);
    }

    public boolean hasList() {
      return listButton != null;
    }

    /** Whether the bubble shows a file: the customer's kept one, or sandbox media. */
    public boolean hasFile() {
      return fileUrl != null || mediaId != null;
    }

    /** The same bubble with what speech to text heard in it, under its body. */
    Bubble heard(String transcript) {
      return note("<div class=\"transcript\">🎤 " + WhatsAppText.html(transcript) + "</div>");
    }

    /** The same bubble saying why the bot did not keep the file. */
    Bubble refused(String why) {
      return note("<div class=\"media-refused\">⚠ " + WhatsAppText.html(why) + "</div>");
    }

    private Bubble note(String html) {
      return new Bubble(seq, out, kind, time, ticks, headerHtml, (bodyHtml == null ? "" : bodyHtml) + html, footerHtml,
          buttons, listButton, sections, mediaId, mediaName, linkTitle, linkUrl, errors, author, fileUrl);
    }

    /** The same bubble showing the customer's file from {@code url}. */
    Bubble file(String url, String name) {
      return new Bubble(seq, out, kind, time, ticks, headerHtml, bodyHtml, footerHtml, buttons, listButton, sections,
          mediaId, mediaName != null ? mediaName : name, linkTitle, linkUrl, errors, author, url);
    }

    /** The same bubble, marked as written by a person (an operator's message). */
    Bubble by(String person) {
      return new Bubble(seq, out, kind, time, ticks, headerHtml, bodyHtml, footerHtml, buttons, listButton, sections,
          mediaId, mediaName, linkTitle, linkUrl, errors, person, fileUrl);
    }
  }

  /**
   * Where the panel shows a bubble's file: the customer's file the bot keeps, else the sandbox's
   * media of {@code bot}; null without a file.
   */
  static String fileOf(Bubble b, String contextPath, String bot) {
    if (b.fileUrl() != null) {
      return contextPath + b.fileUrl();
    }
    return b.mediaId() == null ? null : contextPath + "/panel/sandbox/" + bot + "/media/" + b.mediaId();
  }

  /**
   * A conversation of the orchestrator's inbox as bubbles: the customer's messages (as Meta
   * delivered them) and the bot's or an operator's (the Cloud API requests), operators named.
   */
  public static List<Bubble> ofThread(List<dev.wabots.conversations.boundary.MessageView> messages, ZoneId zone,
      String bot, String phone) {
    return ofThread(messages, zone, bot, phone, code -> code);
  }

  /**
   * The same, with {@code refusal} turning a refused file's reason code ({@code too_large},
   * {@code wrong_type}, {@code not_what_it_claims}, {@code download_failed}) into the person's
   * language.
   */
  public static List<Bubble> ofThread(List<dev.wabots.conversations.boundary.MessageView> messages, ZoneId zone,
      String bot, String phone, java.util.function.UnaryOperator<String> refusal) {
    List<Bubble> bubbles = new ArrayList<>();
    for (var m : messages) {
      String time = TIME.format(m.at().atZone(zone));
      Optional<JsonObject> payload = object(m.payload());
      Bubble b;
      if ("in".equals(m.direction())) {
        b = payload.map(message -> inboundMessage(m.seq(), time, message, null))
            .orElse(plain(m.seq(), false, time, m.text()));
        var media = m.media();
        if (b != null && media != null && "stored".equals(media.state()) && m.wamid() != null) {
          b = b.file(ConversationMedia.path(bot, phone, m.wamid()), media.filename());
        } else if (b != null && media != null && "refused".equals(media.state())) {
          b = b.refused(refusal.apply(media.refusal() == null ? "refused" : media.refusal()));
        }
        if (b != null && m.transcript() != null) {
          b = b.heard(m.transcript());
        }
      } else {
        b = payload.map(request -> outboundRequest(m.seq(), time, request, null))
            .orElse(plain(m.seq(), true, time, m.text()));
        if (b != null && !"bot".equals(m.author())) {
          b = b.by(m.author());
        }
      }
      if (b != null) {
        bubbles.add(b);
      }
    }
    return List.copyOf(bubbles);
  }

  private static Bubble plain(long seq, boolean out, String time, String text) {
    return new Bubble(seq, out, "text", time, null, null, WhatsAppText.html(text == null ? "" : text), null, List.of(),
        null, List.of(), null, null, null, null, List.of(), null);
  }

  /** The bubbles, and whether the bot is typing now. */
  public record Conversation(List<Bubble> bubbles, boolean typing) implements Serializable {}

  static Conversation of(List<SandboxStore.Entry> entries, Instant now, ZoneId zone) {
    return of(entries, now, zone, java.util.Map.of());
  }

  /** The sandbox conversation with what speech to text heard in the voice notes ({@code heard}: by message id). */
  static Conversation of(List<SandboxStore.Entry> entries, Instant now, ZoneId zone, java.util.Map<String, String> heard) {
    Set<String> read = new HashSet<>();
    for (SandboxStore.Entry e : entries) {
      receipt(e).ifPresent(r -> read.add(r.getString("message_id", "")));
    }
    List<Bubble> bubbles = new ArrayList<>();
    boolean typing = false;
    for (SandboxStore.Entry e : entries) {
      Optional<JsonObject> receipt = receipt(e);
      if (receipt.isPresent()) {
        typing = receipt.get().containsKey("typing_indicator") && e.at().plus(TYPING).isAfter(now);
        continue;
      }
      typing = typing && !"out".equals(e.direction());
      String time = TIME.format(e.at().atZone(zone));
      Bubble b = "in".equals(e.direction())
          ? inbound(e, time, read.contains(e.wamid()))
          : outbound(e, time);
      if (b != null && "in".equals(e.direction()) && e.wamid() != null && heard.containsKey(e.wamid())) {
        b = b.heard(heard.get(e.wamid()));
      }
      if (b != null) {
        bubbles.add(b);
      }
    }
    return new Conversation(List.copyOf(bubbles), typing);
  }

  /** A read receipt (or typing indicator) the bot sent for a user's message. */
  private static Optional<JsonObject> receipt(SandboxStore.Entry e) {
    if (!"out".equals(e.direction()) || !e.valid()) {
      return Optional.empty();
    }
    return object(e.payload()).filter(p -> p.containsKey("status") && "read".equals(p.getString("status", "")));
  }

  /** What the user wrote or tapped, from the webhook the sandbox sent. */
  private static Bubble inbound(SandboxStore.Entry e, String time, boolean read) {
    JsonObject message = object(e.payload())
        .map(w -> path(w, "entry", 0, "changes", 0, "value", "messages", 0))
        .orElse(null);
    return inboundMessage(e.seq(), time, message, read ? "read" : "delivered");
  }

  /** A customer's message object as a bubble. */
  private static Bubble inboundMessage(long seq, String time, JsonObject message, String ticks) {
    String text;
    if (message == null) {
      text = "";
    } else if ("interactive".equals(message.getString("type", ""))) {
      JsonObject interactive = message.getJsonObject("interactive");
      JsonObject reply = interactive.containsKey("button_reply")
          ? interactive.getJsonObject("button_reply")
          : interactive.getJsonObject("list_reply");
      text = reply == null ? "" : reply.getString("title", "")
          + (reply.containsKey("description") ? "\n" + reply.getString("description") : "");
    } else if (message.containsKey("text") && message.get("text").getValueType() == JsonValue.ValueType.OBJECT) {
      text = message.getJsonObject("text").getString("body", "");
    } else if (message.containsKey("button") && message.get("button").getValueType() == JsonValue.ValueType.OBJECT) {
      text = message.getJsonObject("button").getString("text", "");
    } else {
      String type = message.getString("type", "?");
      JsonObject media = message.containsKey(type) && message.get(type).getValueType() == JsonValue.ValueType.OBJECT
          ? message.getJsonObject(type) : null;
      if (media != null && media.containsKey("id")) {
        String kind = "sticker".equals(type) ? "image" : type;
        boolean voice = media.getBoolean("voice", false);
        return new Bubble(seq, false, kind, time, ticks, null,
            WhatsAppText.html(media.getString("caption", voice ? "" : "")), null, List.of(), null, List.of(),
            media.getString("id", null), media.getString("filename", null), null, null, List.of(), null);
      }
      text = "[" + type + "]";
    }
    return new Bubble(seq, false, "text", time, ticks, null, WhatsAppText.html(text), null,
        List.of(), null, List.of(), null, null, null, null, List.of(), null);
  }

  /** What the bot sent: a message, or the note that the sandbox refused it. */
  private static Bubble outbound(SandboxStore.Entry e, String time) {
    Optional<JsonObject> json = object(e.payload());
    if (!e.valid()) {
      return new Bubble(e.seq(), true, "note", time, null, null, null, null, List.of(), null, List.of(), null, null,
          null, null, e.errors().isEmpty() ? List.of("?") : e.errors(), null);
    }
    if (json.isEmpty()) {
      return null;
    }
    return outboundRequest(e.seq(), time, json.get(), e.status() == null ? "sent" : e.status());
  }

  /** A Cloud API message request as the bot's bubble. */
  private static Bubble outboundRequest(long seq, String time, JsonObject p, String ticks) {
    SandboxStore.Entry e = new SandboxStore.Entry(seq, null, "out", null, null, null, true, List.of(), null);
    String type = p.getString("type", "text");
    return switch (type) {
      case "text" -> simple(e, time, ticks, "text", text(p, "text", "body"));
      case "interactive" -> interactive(e, time, ticks, p.getJsonObject("interactive"));
      case "audio", "image", "video", "document", "sticker" -> media(e, time, ticks, type, p.getJsonObject(type));
      case "reaction" -> simple(e, time, ticks, "text", text(p, "reaction", "emoji"));
      case "template" -> simple(e, time, ticks, "other", "[template " + text(p, "template", "name") + "]");
      default -> simple(e, time, ticks, "other", "[" + type + "]");
    };
  }

  private static Bubble simple(SandboxStore.Entry e, String time, String ticks, String kind, String text) {
    return new Bubble(e.seq(), true, kind, time, ticks, null, WhatsAppText.html(text), null, List.of(), null,
        List.of(), null, null, null, null, List.of(), null);
  }

  private static Bubble interactive(SandboxStore.Entry e, String time, String ticks, JsonObject i) {
    if (i == null) {
      return simple(e, time, ticks, "other", "[interactive]");
    }
    JsonObject header = i.getJsonObject("header");
    String headerText = header != null && header.containsKey("text") ? header.getString("text", "") : null;
    String body = i.containsKey("body") ? i.getJsonObject("body").getString("text", "") : "";
    String footer = i.containsKey("footer") ? i.getJsonObject("footer").getString("text", "") : null;
    JsonObject action = i.containsKey("action") ? i.getJsonObject("action") : JsonValue.EMPTY_JSON_OBJECT;
    List<Choice> buttons = new ArrayList<>();
    for (JsonValue b : array(action, "buttons")) {
      JsonObject reply = b.asJsonObject().getJsonObject("reply");
      if (reply != null) {
        buttons.add(new Choice(reply.getString("id", ""), reply.getString("title", ""), null));
      }
    }
    List<Section> sections = new ArrayList<>();
    for (JsonValue s : array(action, "sections")) {
      JsonObject section = s.asJsonObject();
      List<Choice> rows = new ArrayList<>();
      for (JsonValue r : array(section, "rows")) {
        JsonObject row = r.asJsonObject();
        rows.add(new Choice(row.getString("id", ""), row.getString("title", ""),
            row.containsKey("description") ? row.getString("description", "") : null));
      }
      sections.add(new Section(section.getString("title", null), List.copyOf(rows)));
    }
    String listButton = "list".equals(i.getString("type", "")) ? action.getString("button", "…") : null;
    String linkTitle = null;
    String linkUrl = null;
    if ("cta_url".equals(i.getString("type", "")) && action.containsKey("parameters")) {
      JsonObject parameters = action.getJsonObject("parameters");
      linkTitle = parameters.getString("display_text", "");
      linkUrl = safeUrl(parameters.getString("url", ""));
    }
    return new Bubble(e.seq(), true, "interactive", time, ticks,
        headerText == null ? null : WhatsAppText.html(headerText), WhatsAppText.html(body),
        footer == null ? null : WhatsAppText.html(footer), List.copyOf(buttons), listButton, List.copyOf(sections),
        null, null, linkTitle, linkUrl, List.of(), null);
  }

  private static Bubble media(SandboxStore.Entry e, String time, String ticks, String type, JsonObject m) {
    if (m == null) {
      return simple(e, time, ticks, "other", "[" + type + "]");
    }
    String caption = m.getString("caption", "");
    String id = m.getString("id", null);
    String link = id == null ? safeUrl(m.getString("link", "")) : null;
    String kind = "sticker".equals(type) ? "image" : type;
    return new Bubble(e.seq(), true, kind, time, ticks, null, WhatsAppText.html(caption), null, List.of(), null,
        List.of(), id, m.getString("filename", null), link == null ? null : "[" + type + "]", link, List.of(), null);
  }

  /** Only web links are offered as links. */
  private static String safeUrl(String url) {
    return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
  }

  private static String text(JsonObject p, String object, String field) {
    JsonObject o = p.containsKey(object) && p.get(object).getValueType() == JsonValue.ValueType.OBJECT
        ? p.getJsonObject(object)
        : JsonValue.EMPTY_JSON_OBJECT;
    return o.getString(field, "");
  }

  private static JsonArray array(JsonObject o, String name) {
    return o.containsKey(name) && o.get(name).getValueType() == JsonValue.ValueType.ARRAY
        ? o.getJsonArray(name)
        : JsonValue.EMPTY_JSON_ARRAY;
  }

  /** Follows object keys and array indexes; null when the path is not there. */
  private static JsonObject path(JsonObject root, Object... steps) {
    JsonValue v = root;
    for (Object step : steps) {
      if (step instanceof String key && v.getValueType() == JsonValue.ValueType.OBJECT && v.asJsonObject().containsKey(key)) {
        v = v.asJsonObject().get(key);
      } else if (step instanceof Integer i && v.getValueType() == JsonValue.ValueType.ARRAY && v.asJsonArray().size() > i) {
        v = v.asJsonArray().get(i);
      } else {
        return null;
      }
    }
    return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
  }

  private static Optional<JsonObject> object(String json) {
    try {
      JsonValue v = StrictJson.read(json);
      return v.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(v.asJsonObject()) : Optional.empty();
    } catch (StrictJson.MalformedJson e) {
      return Optional.empty();
    }
  }
}
