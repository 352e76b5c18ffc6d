package dev.wabots.llm.control;

import java.util.regex.Pattern;

/**
 * Cleans a model's text before a bot sends it to a customer: reasoning models served without a
 * reasoning parser (Qwen3, DeepSeek-R1 on vLLM or llama.cpp) put their thinking between
 * {@code <think>} tags inside the answer.
 */
public final class Replies {

  private static final Pattern THINK_BLOCK = Pattern.compile("(?s)<think>.*?</think>");
  private static final String THINK_OPEN = "<think>";
  private static final String THINK_CLOSE = "</think>";

  private Replies() {}

  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String t = THINK_BLOCK.matcher(text).replaceAll("");
    int close = t.lastIndexOf(THINK_CLOSE);
    if (close >= 0) {
      t = t.substring(close + THINK_CLOSE.length()); // the opening tag was in the prompt template
    }
    int open = t.indexOf(THINK_OPEN);
    if (open >= 0) {
      t = t.substring(0, open); // cut off mid-thought (max_tokens): keep what came before
    }
    return t.strip();
  }
}
