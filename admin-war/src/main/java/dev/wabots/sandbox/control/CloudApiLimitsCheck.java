package dev.wabots.sandbox.control;

import static dev.wabots.whatsapp.CloudApiLimits.*;

import dev.wabots.whatsapp.CloudApiLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Cloud API send rules Meta's schema cannot express (docs/WHATSAPP-LIMITS.md): lengths in
 * characters as people see them (Unicode code points, an emoji is one), uniqueness of button and
 * row ids, rows counted across all sections, recipient and link formats. Checks only fields that
 * are present and of the expected JSON type; everything else is the schema's job.
 *
 * <p>The numbers are funnel-jar's {@link CloudApiLimits}: the bots build their messages with the
 * same limits the sandbox checks.
 */
public final class CloudApiLimitsCheck {

  /** A phone number as the API takes it in {@code to}: 7 to 15 digits, optionally after a +. */
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{7,15}");

  private static final Set<String> MEDIA = Set.of("audio", "document", "image", "sticker", "video");

  /** The limit problems of a messages-endpoint body; empty when it respects every limit. */
  public List<RequestProblem> check(JsonNode body) {
    List<RequestProblem> problems = new ArrayList<>();
    if (!body.isObject() || body.has("status")) {
      return problems; // not an object: the schema says so; a read receipt has no limits
    }
    recipient(body, problems);
    JsonNode type = body.get("type");
    String kind = type == null ? "text" : type.isString() ? type.stringValue() : "";
    if (kind.equals("text")) {
      text(body.path("text"), problems);
    } else if (kind.equals("interactive")) {
      interactive(body.path("interactive"), problems);
    } else if (MEDIA.contains(kind)) {
      link(body.path(kind).get("link"), "/" + kind + "/link", problems);
    }
    return problems;
  }

  private static void recipient(JsonNode body, List<RequestProblem> problems) {
    String to = string(body.get("to"));
    if (to != null && !"group".equals(string(body.get("recipient_type")))
        && !PHONE.matcher(to).matches()) {
      problems.add(RequestProblem.limit("/to", "phoneNumber",
          "must be a phone number: 7 to 15 digits, optionally after a leading +"));
    }
  }

  private static void text(JsonNode text, List<RequestProblem> problems) {
    required(text.get("body"), "/text/body", TEXT_BODY, problems);
  }

  private static void interactive(JsonNode interactive, List<RequestProblem> problems) {
    required(interactive.path("body").get("text"), "/interactive/body/text", INTERACTIVE_BODY,
        problems);
    JsonNode header = interactive.path("header");
    if ("text".equals(string(header.get("type")))) {
      required(header.get("text"), "/interactive/header/text", HEADER_TEXT, problems);
    }
    required(interactive.path("footer").get("text"), "/interactive/footer/text", FOOTER, problems);
    String type = string(interactive.get("type"));
    JsonNode action = interactive.path("action");
    if ("button".equals(type)) {
      buttons(action.get("buttons"), problems);
    } else if ("list".equals(type)) {
      list(action, problems);
    }
  }

  private static void buttons(JsonNode buttons, List<RequestProblem> problems) {
    if (buttons == null || !buttons.isArray()) {
      return;
    }
    String at = "/interactive/action/buttons";
    count(buttons.size(), 1, REPLY_BUTTONS, at, "buttons", problems);
    Map<String, String> titles = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < buttons.size(); i++) {
      JsonNode reply = buttons.get(i).path("reply");
      String here = at + "/" + i + "/reply";
      required(reply.get("title"), here + "/title", BUTTON_TITLE, problems);
      required(reply.get("id"), here + "/id", BUTTON_ID, problems);
      unique(reply.get("title"), titles, here + "/title", "uniqueTitle", problems);
      unique(reply.get("id"), ids, here + "/id", "uniqueId", problems);
    }
  }

  private static void list(JsonNode action, List<RequestProblem> problems) {
    String at = "/interactive/action";
    required(action.get("button"), at + "/button", LIST_BUTTON_TEXT, problems);
    JsonNode sections = action.get("sections");
    if (sections == null || !sections.isArray()) {
      return;
    }
    count(sections.size(), 1, LIST_SECTIONS, at + "/sections", "sections", problems);
    int rowCount = 0;
    Map<String, String> ids = new HashMap<>();
    for (int s = 0; s < sections.size(); s++) {
      JsonNode section = sections.get(s);
      String here = at + "/sections/" + s;
      JsonNode title = section.get("title");
      if (title == null && sections.size() > 1) {
        problems.add(RequestProblem.limit(here + "/title", "sectionTitle",
            "required when a list has more than one section"));
      } else {
        required(title, here + "/title", SECTION_TITLE, problems);
      }
      JsonNode rows = section.path("rows");
      for (int r = 0; rows.isArray() && r < rows.size(); r++) {
        JsonNode row = rows.get(r);
        String rowAt = here + "/rows/" + r;
        required(row.get("title"), rowAt + "/title", ROW_TITLE, problems);
        required(row.get("id"), rowAt + "/id", ROW_ID, problems);
        atMost(row.get("description"), rowAt + "/description", ROW_DESCRIPTION, problems);
        unique(row.get("id"), ids, rowAt + "/id", "uniqueId", problems);
        rowCount++;
      }
    }
    if (rowCount > LIST_ROWS || rowCount == 0) {
      problems.add(RequestProblem.limit(at + "/sections", "rowsAcrossSections",
          "between 1 and " + LIST_ROWS + " rows across all sections, found " + rowCount));
    }
  }

  private static void link(JsonNode link, String at, List<RequestProblem> problems) {
    String value = string(link);
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (uri.getHost() != null
          && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(RequestProblem.limit(at, "httpUrl", "must be an absolute http(s) URL"));
  }

  /** A present text must not be blank and must have at most {@code max} characters. */
  private static void required(JsonNode node, String at, int max, List<RequestProblem> problems) {
    String value = string(node);
    if (value != null && value.isBlank()) {
      problems.add(RequestProblem.limit(at, "notBlank", "must not be empty"));
    }
    atMost(node, at, max, problems);
  }

  private static void atMost(JsonNode node, String at, int max, List<RequestProblem> problems) {
    String value = string(node);
    int length = value == null ? 0 : value.codePointCount(0, value.length());
    if (length > max) {
      problems.add(RequestProblem.limit(at, "maxCharacters",
          "at most " + max + " characters, found " + length));
    }
  }

  private static void count(int count, int min, int max, String at, String what,
      List<RequestProblem> problems) {
    if (count < min || count > max) {
      problems.add(RequestProblem.limit(at, "count",
          "between " + min + " and " + max + " " + what + ", found " + count));
    }
  }

  /** Remembers where each value was first seen; a repeat is a problem naming that place. */
  private static void unique(JsonNode node, Map<String, String> firstSeenAt, String at,
      String keyword, List<RequestProblem> problems) {
    String value = string(node);
    if (value == null) {
      return;
    }
    String first = firstSeenAt.putIfAbsent(value, at);
    if (first != null) {
      problems.add(RequestProblem.limit(at, keyword, "must be unique; "
          + RequestProblem.fieldOf(first) + " has the same value"));
    }
  }

  private static String string(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }
}
