package dev.wabots.whatsapp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits long text into parts that fit a text message (4096 characters by default). A part ends,
 * in order of preference, at the last paragraph break, sentence end, line break or space inside
 * the limit; only a text without any of them is cut hard, and never inside a surrogate pair.
 *
 * <p>Rule for what is dropped: every part is non-blank and at most {@code max} code points, and
 * the text equals {@code w0 + part1 + w1 + part2 + … + partN + wN} where every {@code w} is
 * whitespace (possibly empty). In words: only the whitespace at a split point is dropped; no
 * other character is lost, reordered or added.
 */
public final class TextSplitter {
  private static final Pattern PARAGRAPH = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");
  private static final String SENTENCE_END = ".!?…";
  private static final String CLOSERS = "\"'»”’)]";

  private TextSplitter() {}

  /** Splits into parts of at most {@value CloudApiLimits#TEXT_BODY} code points. */
  public static List<String> split(String text) {
    return split(text, CloudApiLimits.TEXT_BODY);
  }

  /**
   * Splits into parts of at most {@code max} code points.
   *
   * @return the parts; empty for blank text, a single part when it fits
   * @throws IllegalArgumentException if {@code max < 1}
   */
  public static List<String> split(String text, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<String> parts = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return parts;
    }
    int start = 0;
    while (start < text.length()) {
      if (text.codePointCount(start, text.length()) <= max) {
        parts.add(text.substring(start).stripTrailing());
        break;
      }
      int windowEnd = text.offsetByCodePoints(start, max);
      int cut = cut(text, start, windowEnd);
      parts.add(text.substring(start, cut).stripTrailing());
      start = skipWhitespace(text, cut);
    }
    return parts;
  }

  /** The end (exclusive) of the next part; {@code start < result <= windowEnd}. */
  private static int cut(String text, int start, int windowEnd) {
    int cut = lastParagraphBreak(text, start, windowEnd);
    if (cut < 0) {
      cut = lastSentenceEnd(text, start, windowEnd);
    }
    if (cut < 0) {
      cut = lastMatching(text, start, windowEnd, '\n');
    }
    if (cut < 0) {
      cut = lastWhitespace(text, start, windowEnd);
    }
    return cut < 0 ? windowEnd : cut;
  }

  private static int lastParagraphBreak(String text, int start, int windowEnd) {
    Matcher matcher = PARAGRAPH.matcher(text);
    matcher.region(start, text.length());
    int last = -1;
    while (matcher.find() && matcher.start() <= windowEnd) {
      if (usable(text, start, matcher.start())) {
        last = matcher.start();
      }
    }
    return last;
  }

  private static int lastSentenceEnd(String text, int start, int windowEnd) {
    for (int i = Math.min(windowEnd, text.length() - 1); i > start; i--) {
      if (Character.isWhitespace(text.charAt(i)) && endsSentence(text, start, i)
          && usable(text, start, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean endsSentence(String text, int start, int end) {
    int i = end - 1;
    while (i > start && CLOSERS.indexOf(text.charAt(i)) >= 0) {
      i--;
    }
    return SENTENCE_END.indexOf(text.charAt(i)) >= 0;
  }

  private static int lastMatching(String text, int start, int windowEnd, char wanted) {
    for (int i = Math.min(windowEnd, text.length() - 1); i > start; i--) {
      if (text.charAt(i) == wanted && usable(text, start, i)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastWhitespace(String text, int start, int windowEnd) {
    for (int i = Math.min(windowEnd, text.length() - 1); i > start; i--) {
      if (Character.isWhitespace(text.charAt(i)) && usable(text, start, i)) {
        return i;
      }
    }
    return -1;
  }

  /** A cut is usable only if the part before it has visible content. */
  private static boolean usable(String text, int start, int cut) {
    for (int i = start; i < cut; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
