package dev.wabots.llm.control;

/** A model's answer: the text, the model that wrote it, and token counts when the service reports them. */
public record Completion(String text, String model, Integer promptTokens, Integer completionTokens) {}
