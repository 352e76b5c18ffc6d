package dev.wabots.contract;

/**
 * A bot's model parameters; null means the backend's default.
 *
 * @param temperature 0–2
 * @param topP 0–1
 * @param maxTokens 1–32768
 */
public record LlmParameters(Double temperature, Double topP, Integer maxTokens) {}
