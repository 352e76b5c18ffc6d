package dev.wabots.whatsapp;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Text that came from outside (a webhook's query string, a user's name, a bot's name) made safe
 * for one log line: control characters (CR, LF, tab, ESC …), Unicode line separators and
 * bidirectional formatting characters are written as escapes ({@code \n}, {@code \u202e}), so a
 * value can neither start a forged log line nor reorder what a reader sees. Used by the
 * orchestrator and by every bot.
 */
public final class Printable {

  private Printable() {}

  /** The text with unsafe characters escaped, cut to {@code maxCodePoints} (then ending in "…"). */
  public static String of(String text, int maxCodePoints) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints) + 8);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (count++ == maxCodePoints) {
        out.append('…');
        break;
      }
      if (!unsafe(cp)) {
        out.appendCodePoint(cp);
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", cp));
      }
    }
    return out.toString();
  }

  /** {@link #of(String, int)} with a limit that fits any name or query value in a log line. */
  public static String of(String text) {
    return of(text, 200);
  }

  /** The index (in chars) of the first character {@link #of} would escape, if any. */
  public static OptionalInt firstUnsafe(String text) {
    if (text == null) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (unsafe(cp)) {
        return OptionalInt.of(i);
      }
      i += Character.charCount(cp);
    }
    return OptionalInt.empty();
  }

  /**
   * Why a name may not be stored as it is ("must not contain control characters (U+000A)"), or
   * {@code null} when it may.
   */
  public static String nameProblem(String name) {
    OptionalInt at = firstUnsafe(name);
    if (at.isEmpty()) {
      return null;
    }
    int cp = name.codePointAt(at.getAsInt());
    String code = String.format(Locale.ROOT, "U+%04X", cp);
    return bidi(cp)
        ? "must not contain bidirectional formatting characters (" + code + ")"
        : "must not contain control characters or line breaks (" + code + ")";
  }

  static boolean unsafe(int cp) {
    return Character.getType(cp) == Character.CONTROL
        || cp == 0x2028 || cp == 0x2029 // line and paragraph separators
        || bidi(cp);
  }

  /** Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm. */
  static boolean bidi(int cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }
}
