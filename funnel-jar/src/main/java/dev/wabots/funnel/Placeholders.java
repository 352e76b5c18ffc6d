package dev.wabots.funnel;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {name}} placeholders in definition texts. Unknown names are left as they are. */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

  private Placeholders() {}

  static String fill(String template, Map<String, String> values) {
    if (template == null || template.indexOf('{') < 0) {
      return template;
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The names of the placeholders in {@code text}, in order (repeats included). */
  static java.util.List<String> names(String text) {
    java.util.List<String> names = new java.util.ArrayList<>();
    if (text != null) {
      Matcher matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** The first placeholder left in {@code text}, or null. */
  static String firstUnresolved(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    return matcher.find() ? matcher.group() : null;
  }
}
