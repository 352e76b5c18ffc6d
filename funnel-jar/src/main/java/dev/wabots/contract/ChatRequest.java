package dev.wabots.contract;

import java.util.List;

/**
 * {@code POST /internal/chat}: a customer's conversation for the bot's AI; the orchestrator adds
 * the bot's system prompt and routes it to the bot's backend.
 *
 * @param phone the customer (for usage figures)
 * @param messages the recent history, oldest first, ending with the customer's question
 */
public record ChatRequest(String phone, List<ChatTurn> messages) {
  public ChatRequest {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
