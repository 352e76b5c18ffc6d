package dev.wabots.admin.web;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem of a funnel definition in the person's language: which screen and which field, and
 * what is wrong — from the validator's node ({@code screens.menu.buttons[1].title}), rule and
 * message, never the message itself (English, for developers). Values the person wrote (a title, a
 * screen name, a placeholder) are quoted from the message.
 */
final class ProblemText {

  private static final Pattern SCREEN = Pattern.compile("screens\\.([^.\\s\\[]+)(.*)");
  private static final Pattern BUTTON = Pattern.compile("\\.buttons\\[(\\d+)](?:\\.(\\w+))?");
  private static final Pattern ROW = Pattern.compile("\\.list\\.sections\\[(\\d+)]\\.rows\\[(\\d+)](?:\\.(\\w+))?");
  private static final Pattern SECTION = Pattern.compile("\\.list\\.sections\\[(\\d+)](?:\\.(\\w+))?");
  private static final Pattern LIMIT = Pattern.compile("^([\\w.\\[\\]]+): at most (\\d+) characters, got (\\d+)");
  private static final Pattern COUNT = Pattern.compile("^([\\w.\\[\\]]+): (?:between|at most|at least)\\D*(\\d+)"
      + "(?:\\D+(\\d+))?.*, got (\\d+)$");
  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");
  private static final Pattern BRACED = Pattern.compile("(\\{[a-z0-9_]+})");
  private static final Pattern LOCATION = Pattern.compile("at line (\\d+), column (\\d+)");
  private static final Pattern KEY_TWICE = Pattern.compile("duplicate key \"([^\"]*)\"");
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("Unrecognized field \"([^\"]*)\"");

  /** Texts of the panel's bundle: key and arguments to text. */
  private final BiFunction<String, Object[], String> text;

  ProblemText(BiFunction<String, Object[], String> text) {
    this.text = text;
  }

  /**
   * @param node where, as the validator names it ({@code ""} or {@code definition} for the whole)
   * @param rule the rule, in any case ({@code whatsapp_limit}, {@code MISSING_TARGET} …)
   * @param message the validator's message
   */
  String describe(String node, String rule, String message) {
    String at = node == null ? "" : node.replaceFirst("^definition\\.?", "");
    String kind = rule == null ? "" : rule.toUpperCase(java.util.Locale.ROOT);
    if (kind.isEmpty() && at.startsWith("profile.")) {
      kind = "PROFILE";
    }
    return text("funnel.problem", where(at, message), what(kind, message == null ? "" : message));
  }

  /** "Screen «menu», button 2" — or the part of the definition that is not a screen. */
  String where(String node, String message) {
    Matcher screen = SCREEN.matcher(node);
    if (!screen.matches()) {
      if (node.isEmpty() || node.equals("(json)")) {
        return text("funnel.where.whole");
      }
      String part = node.replaceAll("[.\\[].*", "");
      String label = text("funnel.where.part." + part);
      return label.startsWith("funnel.where.part.") ? text("funnel.where.other", node)
          : text("funnel.where.part", label, node);
    }
    String key = screen.group(1);
    String rest = screen.group(2).replaceFirst(" \\(.*\\)$", "");
    String field = field(rest, message);
    return field.isEmpty() ? text("funnel.where.screen", key) : text("funnel.where.screen_field", key, field);
  }

  private String field(String rest, String message) {
    Matcher m;
    if ((m = BUTTON.matcher(rest)).matches()) {
      return text("funnel.field.button", Integer.parseInt(m.group(1)) + 1) + suffix(m.group(2));
    }
    if ((m = ROW.matcher(rest)).matches()) {
      return text("funnel.field.row", Integer.parseInt(m.group(1)) + 1, Integer.parseInt(m.group(2)) + 1)
          + suffix(m.group(3));
    }
    if ((m = SECTION.matcher(rest)).matches()) {
      return text("funnel.field.section", Integer.parseInt(m.group(1)) + 1) + suffix(m.group(2));
    }
    if (rest.startsWith(".")) {
      return fieldName(rest.substring(1).replaceAll("\\W.*", ""));
    }
    if (rest.isEmpty() && (LIMIT.matcher(nz(message)).find() || COUNT.matcher(nz(message)).find())) {
      return cloudField(message.substring(0, message.indexOf(':')));
    }
    return "";
  }

  /** A field of a sent message ({@code interactive.action.buttons[].reply.title}) as people call it. */
  private String cloudField(String path) {
    String field = path.replaceAll("\\[\\d+]", "[]");
    String name;
    if (field.endsWith("body.text") || field.equals("text.body")) {
      name = "body";
    } else if (field.endsWith("header.text")) {
      name = "header";
    } else if (field.endsWith("footer.text")) {
      name = "footer";
    } else if (field.endsWith("buttons[].reply.title")) {
      name = "button_title";
    } else if (field.endsWith("buttons")) {
      name = "buttons";
    } else if (field.equals("interactive.action.button")) {
      name = "list_button";
    } else if (field.endsWith("rows[].title")) {
      name = "row_title";
    } else if (field.endsWith("rows[].description")) {
      name = "description";
    } else if (field.endsWith("rows")) {
      name = "rows";
    } else if (field.endsWith("sections[].title")) {
      name = "section_title";
    } else if (field.endsWith("sections")) {
      name = "sections";
    } else {
      return "";
    }
    return fieldName(name);
  }

  private String suffix(String field) {
    return field == null ? "" : ", " + fieldName(field);
  }

  private String fieldName(String field) {
    String label = text("funnel.field." + field);
    return label.startsWith("funnel.field.") ? field : label;
  }

  /** What is wrong, by rule; values the person wrote quoted from the message. */
  String what(String rule, String message) {
    Matcher m;
    switch (rule) {
      case "WHATSAPP_LIMIT":
        if ((m = LIMIT.matcher(message)).find()) {
          return text("funnel.rule.too_long", Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)));
        }
        if ((m = COUNT.matcher(message)).find()) {
          String max = m.group(3) == null ? m.group(2) : m.group(3);
          return text("funnel.rule.too_many", Integer.parseInt(m.group(4)), Integer.parseInt(max));
        }
        if (message.contains("unique")) {
          return text("funnel.rule.not_unique");
        }
        return message.contains("required") ? text("funnel.rule.required") : text("funnel.rule.limit");
      case "REQUIRED":
        return text("funnel.rule.required");
      case "UNHANDLED_REPLY_ID":
        return text("funnel.rule.unhandled", message.replaceFirst(".* ", ""));
      case "PROFILE":
        return text("funnel.rule.profile");
      case "MISSING_TARGET":
        m = QUOTED.matcher(message);
        if (message.startsWith("the engine sends screen") && m.find()) {
          return text("funnel.rule.needed_screen", m.group(1));
        }
        return m.find() ? text("funnel.rule.missing_target", m.group(1)) : text("funnel.rule.missing");
      case "DUPLICATE":
        return text("funnel.rule.duplicate");
      case "UNRESOLVED_PLACEHOLDER":
        m = BRACED.matcher(message);
        return m.find() ? text("funnel.rule.unresolved", m.group(1)) : text("funnel.rule.unresolved", "{…}");
      case "DEAD_END":
        return text("funnel.rule.dead_end");
      case "NEGATIVE_PRICE":
        return text("funnel.rule.negative_price");
      case "INVALID_VALUE":
        return message.contains("buttons or a list, not both") ? text("funnel.rule.both")
            : text("funnel.rule.invalid");
      default:
        return malformed(message);
    }
  }

  /** The JSON cannot be read: where the parser stopped, or the unknown field. */
  private String malformed(String message) {
    Matcher at = LOCATION.matcher(message);
    Matcher twice = KEY_TWICE.matcher(message);
    if (twice.find() && at.find()) {
      return text("funnel.rule.key_twice", twice.group(1), Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
    }
    if (at.find(0)) {
      return text("funnel.rule.broken_at", Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
    }
    Matcher unknown = UNKNOWN_FIELD.matcher(message);
    if (unknown.find()) {
      return text("funnel.rule.unknown_field", unknown.group(1));
    }
    return text("funnel.rule.unreadable");
  }

  private String text(String key, Object... args) {
    return text.apply(key, args);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
