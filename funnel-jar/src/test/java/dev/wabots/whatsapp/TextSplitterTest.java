package dev.wabots.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rule under test: parts are non-blank, at most {@code max} code points, and the text equals the
 * parts joined by whitespace-only runs (only whitespace at split points is dropped).
 */
class TextSplitterTest {

  @Test
  void keepsTextThatFitsInOnePart() {
    assertEquals(List.of("Привет!"), TextSplitter.split("Привет!"));
    assertEquals(List.of(), TextSplitter.split("  \n "));
  }

  @Test
  void splitsAtTheLastParagraphBreakFirst() {
    String text = "First paragraph. Still first.\n\nSecond paragraph here.";
    List<String> parts = TextSplitter.split(text, 40);
    assertEquals(List.of("First paragraph. Still first.", "Second paragraph here."), parts);
    assertRecovers(text, parts, 40);
  }

  @Test
  void splitsAtTheLastSentenceEndWithoutAParagraphBreak() {
    String text = "One sentence. Two sentences! Three sentences";
    List<String> parts = TextSplitter.split(text, 30);
    assertEquals(List.of("One sentence. Two sentences!", "Three sentences"), parts);
    assertRecovers(text, parts, 30);
  }

  @Test
  void splitsAtALineBreakWithoutSentenceEnds() {
    String text = "alpha beta gamma\ndelta epsilon zeta";
    List<String> parts = TextSplitter.split(text, 20);
    assertEquals(List.of("alpha beta gamma", "delta epsilon zeta"), parts);
    assertRecovers(text, parts, 20);
  }

  @Test
  void splitsHardWhenThereIsNoBoundary() {
    String text = "x".repeat(10_000);
    List<String> parts = TextSplitter.split(text);
    assertEquals(List.of(4096, 4096, 1808), parts.stream().map(String::length).toList());
    assertRecovers(text, parts, 4096);
  }

  @Test
  void neverSplitsInsideASurrogatePair() {
    String text = "😀".repeat(5000);
    List<String> parts = TextSplitter.split(text);
    assertEquals(2, parts.size());
    for (String part : parts) {
      assertFalse(Character.isLowSurrogate(part.charAt(0)), "part starts inside a pair");
      assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "part ends inside a pair");
      assertTrue(CloudApiLimits.length(part) <= 4096);
    }
    assertEquals(4096, CloudApiLimits.length(parts.get(0)));
    assertRecovers(text, parts, 4096);
  }

  @Test
  void longLlmAnswersNeverExceedTheLimitAndLoseNothing() {
    Random random = new Random(42);
    String[] words = {"Привет", "мир", "😀", "AI-секретарь", "работает", "локально.", "Да!", "\n", "\n\n", "ok?"};
    for (int round = 0; round < 20; round++) {
      StringBuilder text = new StringBuilder();
      int length = 2000 + random.nextInt(20_000);
      while (text.length() < length) {
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? "" : " ");
      }
      int max = 50 + random.nextInt(4047);
      assertRecovers(text.toString(), TextSplitter.split(text.toString(), max), max);
    }
  }

  @Test
  void everyPartFitsATextMessage() {
    String text = ("Абзац текста. " + "😀 ".repeat(300) + "\n\n").repeat(30);
    for (String part : TextSplitter.split(text)) {
      TextMessage.of(part);
    }
  }

  @Test
  void rejectsNonPositiveMaximum() {
    assertThrows(IllegalArgumentException.class, () -> TextSplitter.split("x", 0));
  }

  /** text == w0 + p1 + w1 + … + pn + wn with every w whitespace; every part non-blank, ≤ max. */
  private static void assertRecovers(String text, List<String> parts, int max) {
    int at = 0;
    for (String part : parts) {
      assertFalse(part.isBlank(), "blank part");
      assertTrue(CloudApiLimits.length(part) <= max, "part longer than " + max);
      while (!text.startsWith(part, at)) {
        assertTrue(at < text.length() && Character.isWhitespace(text.charAt(at)),
            "non-whitespace dropped before part at " + at);
        at++;
      }
      at += part.length();
    }
    for (int i = at; i < text.length(); i++) {
      assertTrue(Character.isWhitespace(text.charAt(i)), "non-whitespace dropped at the end");
    }
  }
}
