package dev.wabots.speech.control;

import java.util.regex.Pattern;

/**
 * A chat reply made fit to be read aloud: links, WhatsApp formatting marks ({@code *bold*},
 * {@code _italic_}, {@code ~strike~}, backticks) and emoji are dropped, list bullets become pauses,
 * whitespace is collapsed. Engines would otherwise spell out URLs or name the symbols.
 */
public final class SpokenText {

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern MARKS = Pattern.compile("[*_~`#>|]");
  private static final Pattern BULLET = Pattern.compile("(?m)^\\s*(?:[•·▪‣◦-]|\\d+[.)])\\s+");
  private static final Pattern SYMBOLS = Pattern.compile("[\\p{So}\\p{Cn}\\p{Cs}\\uFE0F\\u200D\\u20E3]");
  private static final Pattern SPACE = Pattern.compile("[ \\t\\x0B\\f\\r]+");
  private static final Pattern LINES = Pattern.compile("\\s*\\n+\\s*");

  private SpokenText() {}

  public static String of(String text) {
    if (text == null) {
      return "";
    }
    String t = URL.matcher(text).replaceAll("");
    t = BULLET.matcher(t).replaceAll("");
    t = MARKS.matcher(t).replaceAll("");
    t = SYMBOLS.matcher(t).replaceAll("");
    t = SPACE.matcher(t).replaceAll(" ");
    // A line break is a pause: end the line as a sentence unless it already ends with punctuation.
    t = LINES.matcher(t.strip()).replaceAll("\n");
    StringBuilder out = new StringBuilder();
    for (String line : t.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        char last = out.charAt(out.length() - 1);
        out.append(".,;:!?…".indexOf(last) >= 0 ? " " : ". ");
      }
      out.append(l);
    }
    return out.toString().strip();
  }
}
