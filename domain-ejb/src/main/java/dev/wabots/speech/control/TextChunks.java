package dev.wabots.speech.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a long text for engines that take a limited input (XTTS loses quality past ~250
 * characters): at sentence ends first, then at commas and other pauses, then between words; a
 * single word longer than the limit is cut.
 */
public final class TextChunks {

  private static final Pattern SENTENCE = Pattern.compile("[^.!?…]*(?:[.!?…]+[\"»”)]*|$)\\s*");
  private static final Pattern PAUSE = Pattern.compile("[^,;:—–]*(?:[,;:—–]+|$)\\s*");

  private TextChunks() {}

  public static List<String> split(String text, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive");
    }
    String t = text.strip();
    List<String> out = new ArrayList<>();
    if (t.length() <= max) {
      if (!t.isEmpty()) {
        out.add(t);
      }
      return out;
    }
    StringBuilder current = new StringBuilder();
    for (String sentence : pieces(SENTENCE, t)) {
      for (String part : sentence.length() <= max ? List.of(sentence) : splitLong(sentence, max)) {
        if (current.length() > 0 && current.length() + 1 + part.length() > max) {
          out.add(current.toString());
          current.setLength(0);
        }
        if (current.length() > 0) {
          current.append(' ');
        }
        current.append(part);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static List<String> splitLong(String sentence, int max) {
    List<String> out = new ArrayList<>();
    for (String clause : pieces(PAUSE, sentence)) {
      if (clause.length() <= max) {
        out.add(clause);
        continue;
      }
      for (String word : clause.split("\\s+")) {
        for (int i = 0; i < word.length(); i += max) {
          out.add(word.substring(i, Math.min(word.length(), i + max)));
        }
      }
    }
    return out;
  }

  private static List<String> pieces(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find() && m.end() > m.start()) {
      String s = m.group().strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
      if (m.end() >= text.length()) {
        break;
      }
    }
    return out;
  }
}
