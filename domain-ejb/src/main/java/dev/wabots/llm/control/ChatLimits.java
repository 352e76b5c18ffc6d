package dev.wabots.llm.control;

/** How much conversation a bot may send in one chat call. */
public record ChatLimits(int maxMessages, int maxChars) {

  public static final ChatLimits DEFAULTS = new ChatLimits(100, 100_000);
}
