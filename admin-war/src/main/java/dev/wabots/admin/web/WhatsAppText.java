package dev.wabots.admin.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WhatsApp message's text as HTML, the way the app shows it: {@code *bold*}, {@code _italic_},
 * {@code ~strike~}, {@code ```monospace```} and line breaks. Everything is escaped first, so the
 * result is safe to write unescaped; a marker only counts next to a non-space character and not
 * inside a word ({@code snake_case_name} stays as it is), like in WhatsApp.
 */
final class WhatsAppText {

  private static final Pattern MONO = Pattern.compile("```(?=\\S)(.+?)(?<=\\S)```", Pattern.DOTALL);
  private static final Pattern BOLD = marker("\\*");
  private static final Pattern ITALIC = marker("_");
  private static final Pattern STRIKE = marker("~");

  private WhatsAppText() {}

  /** One marker pair on one line, not glued to letters or digits outside it. */
  private static Pattern marker(String m) {
    return Pattern.compile("(?<![\\p{L}\\p{N}" + m + "])" + m + "(?=[^\\s" + m + "])([^\\n]*?[^\\s" + m + "])" + m
        + "(?![\\p{L}\\p{N}" + m + "])");
  }

  static String html(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String s = escape(text);
    s = replace(MONO, s, "<code>", "</code>");
    s = replace(BOLD, s, "<strong>", "</strong>");
    s = replace(ITALIC, s, "<em>", "</em>");
    s = replace(STRIKE, s, "<del>", "</del>");
    return s.replace("\r\n", "\n").replace("\n", "<br/>");
  }

  private static String replace(Pattern p, String s, String open, String close) {
    Matcher m = p.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(open + m.group(1) + close));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
