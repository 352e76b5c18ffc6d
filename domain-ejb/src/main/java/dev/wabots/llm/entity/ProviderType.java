package dev.wabots.llm.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire protocol a stored provider speaks. */
public enum ProviderType {
  /** {@code POST {base}/v1/chat/completions}: OpenAI, DeepSeek, OpenRouter, Kimi, vLLM, llama.cpp … */
  OPENAI_COMPATIBLE("openai-compatible", null),
  /** {@code POST {base}/v1beta/models/{model}:generateContent}, key in {@code x-goog-api-key}. */
  GEMINI("gemini", "https://generativelanguage.googleapis.com"),
  /** {@code POST {base}/v1/messages}, key in {@code x-api-key}, {@code anthropic-version} header. */
  ANTHROPIC("anthropic", "https://api.anthropic.com");

  private final String id;
  private final String defaultBaseUrl;

  ProviderType(String id, String defaultBaseUrl) {
    this.id = id;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  public String id() {
    return id;
  }

  /** The public service's address, or {@code null} when the type has no single home (OpenAI-compatible). */
  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** Gemini and Anthropic have no model listing we rely on: the model must be named. */
  public boolean needsModel() {
    return this != OPENAI_COMPATIBLE;
  }

  public static Optional<ProviderType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.id.equals(t)).findFirst();
  }

  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(ProviderType::id).toList());
  }
}
