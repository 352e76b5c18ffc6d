package dev.wabots.llm.control;

import dev.wabots.instances.entity.LlmParams;
import dev.wabots.llm.entity.ChatMessage;
import java.util.List;

/**
 * What a backend is asked: the orchestrator's system prompt, the conversation (user and assistant
 * turns, oldest first) and the bot's sampling parameters (each may be absent).
 */
public record Prompt(String system, List<ChatMessage> messages, LlmParams params) {

  public Prompt {
    messages = List.copyOf(messages);
    params = params == null ? LlmParams.DEFAULTS : params;
  }
}
