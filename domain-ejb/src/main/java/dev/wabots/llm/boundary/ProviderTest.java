package dev.wabots.llm.boundary;

/**
 * The result of {@code POST /admin/llm/providers/{id}/test}: a one-line prompt went out; either a
 * reply came back ({@code ok}, latency, model, the reply's first words) or the classified error.
 */
public record ProviderTest(boolean ok, String provider, String backend, String model, long latencyMs, String reply,
    String error, Integer httpStatus, String message) {}
