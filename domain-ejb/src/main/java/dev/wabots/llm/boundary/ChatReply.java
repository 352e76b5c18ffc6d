package dev.wabots.llm.boundary;

/**
 * The answer of {@code POST /internal/chat}: the text to send, the backend and model that wrote it,
 * the upstream call's latency, reported tokens, and whether the bot's fallback answered.
 */
public record ChatReply(String reply, String backend, String model, long latencyMs, Integer promptTokens,
    Integer completionTokens, boolean fallbackUsed) {}
