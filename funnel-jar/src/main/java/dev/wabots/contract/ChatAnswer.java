package dev.wabots.contract;

/**
 * The orchestrator's answer to a {@link ChatRequest}.
 *
 * @param backend the backend that answered ({@code vllm}, {@code gemini}, {@code cloud:{id}})
 * @param fallbackUsed whether the bot's fallback provider answered because its backend failed
 */
public record ChatAnswer(
    String reply,
    String backend,
    String model,
    long latencyMs,
    Integer promptTokens,
    Integer completionTokens,
    boolean fallbackUsed) {}
