package dev.wabots.llm.boundary;

import java.util.List;

/**
 * A person tried a bot's AI settings with one question: the reply with the backend and model that
 * wrote it, its latency and whether the fallback answered — or, when no model answered, every
 * failed attempt of the chain, classified ({@code failures}; also the failures before a fallback
 * answered).
 */
public record ChatTest(boolean ok, String reply, String backend, String model, long latencyMs, boolean fallbackUsed,
    List<LlmUnavailable.Failed> failures) {

  public ChatTest {
    failures = List.copyOf(failures);
  }
}
