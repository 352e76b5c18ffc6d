package dev.wabots.llm.control;

/** What one link of the chain did: an answer or a classified failure, and how long it took. */
public record Attempt(String backend, String model, Completion completion, UpstreamFailure failure, long latencyMs) {

  public boolean ok() {
    return completion != null;
  }
}
