package dev.wabots.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Making replies speakable and splitting them for engines with a short input. */
class TextTest {

  @Test
  void keepsShortTextInOnePiece() {
    assertEquals(List.of("Добрый день."), TextChunks.split(" Добрый день. ", 200));
    assertEquals(List.of(), TextChunks.split("  ", 200));
  }

  @Test
  void splitsAtSentenceEndsAndPacksSentencesUpToTheLimit() {
    String text = "Первое предложение. Второе предложение! Третье? Четвёртое предложение подлиннее…";
    List<String> pieces = TextChunks.split(text, 45);
    assertEquals(List.of("Первое предложение. Второе предложение!", "Третье? Четвёртое предложение подлиннее…"), pieces);
    assertTrue(pieces.stream().allMatch(p -> p.length() <= 45));
    assertEquals(text, String.join(" ", pieces));
  }

  @Test
  void splitsOverlongSentencesAtCommasThenWords() {
    String sentence = "раз, два, три, четыре, пять, шесть, семь, восемь, девять, десять";
    List<String> pieces = TextChunks.split(sentence, 20);
    assertTrue(pieces.stream().allMatch(p -> p.length() <= 20), pieces.toString());
    assertEquals(sentence, String.join(" ", pieces));
    List<String> words = TextChunks.split("a".repeat(50), 20);
    assertEquals(List.of("a".repeat(20), "a".repeat(20), "a".repeat(10)), words);
  }

  @Test
  void dropsLinksMarksAndEmojiAndTurnsLinesIntoPauses() {
    String reply = "*Установка под ключ* — 5 000 ₽ 🚀\n\n• подключаемся удалённо\n• ставим модель\nОплата: https://yoomoney.ru/quickpay?x=1 _спасибо_";
    assertEquals("Установка под ключ — 5 000 ₽. подключаемся удалённо. ставим модель. Оплата: спасибо", SpokenText.of(reply));
    assertEquals("", SpokenText.of("👍 https://example.com"));
  }
}
