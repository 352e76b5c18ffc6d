package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;

/**
 * Where one attempt goes: the backend name bots and usage figures know ({@code vllm},
 * {@code gemini}, {@code cloud:openai}), its protocol, normalised base URL, model ({@code null}:
 * ask an OpenAI-compatible server) and the API key in plain text (never printed).
 */
public record Target(String backend, ProviderType protocol, String baseUrl, String model, String apiKey) {

  public Target withModel(String newModel) {
    return new Target(backend, protocol, baseUrl, newModel, apiKey);
  }

  public boolean hasKey() {
    return apiKey != null && !apiKey.isEmpty();
  }

  @Override
  public String toString() {
    return "Target[" + backend + ", " + protocol.id() + ", " + baseUrl + ", model " + model
        + ", key " + (hasKey() ? "set" : "none") + "]";
  }
}
