package dev.wabots.llm.control;

import dev.wabots.llm.entity.ProviderType;

/**
 * Where one attempt goes: the backend name bots and usage figures know ({@code vllm},
 * {@code gemini}, {@code cloud:openai}), its protocol, normalised base URL, model ({@code null}:
 * ask an OpenAI-compatible server), the API key in plain text (never printed), and whether only
 * public addresses may be called ({@code publicOnly}: a non-admin chose the address).
 */
public record Target(String backend, ProviderType protocol, String baseUrl, String model, String apiKey,
    boolean publicOnly) {

  /** A target whose address the operator configured (any address may be called). */
  public Target(String backend, ProviderType protocol, String baseUrl, String model, String apiKey) {
    this(backend, protocol, baseUrl, model, apiKey, false);
  }

  public Target withModel(String newModel) {
    return new Target(backend, protocol, baseUrl, newModel, apiKey, publicOnly);
  }

  public boolean hasKey() {
    return apiKey != null && !apiKey.isEmpty();
  }

  @Override
  public String toString() {
    return "Target[" + backend + ", " + protocol.id() + ", " + baseUrl + ", model " + model
        + ", key " + (hasKey() ? "set" : "none") + (publicOnly ? ", public addresses only" : "") + "]";
  }
}
