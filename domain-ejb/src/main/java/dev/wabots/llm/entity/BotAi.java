package dev.wabots.llm.entity;

import dev.wabots.instances.entity.LlmParams;

/**
 * What answering a bot's chat needs of it: backend, fallback, prompt, parameters, language and
 * owner — read without its secrets and phone lists, since the chat path runs for every message
 * the AI answers.
 */
public record BotAi(String id, Long ownerId, String llmBackend, String llmFallback, String systemPrompt,
    LlmParams llmParams, String language) {

  public static final String QUERY = "SELECT NEW dev.wabots.llm.entity.BotAi(i.id, i.ownerId, i.llmBackend,"
      + " i.llmFallback, i.systemPrompt, i.llmParams, i.language) FROM WhatsAppInstance i WHERE i.id = :id";

  public String languageOrDefault() {
    return language == null ? "ru" : language;
  }
}
