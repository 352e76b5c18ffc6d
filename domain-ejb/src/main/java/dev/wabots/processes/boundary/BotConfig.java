package dev.wabots.processes.boundary;

import dev.wabots.instances.entity.LlmParams;
import java.util.List;

/**
 * Everything a bot process needs to run, secrets included. Only ever handed to that bot's own
 * process token.
 */
public record BotConfig(
    String id,
    String name,
    boolean enabled,
    String mode,
    String phoneNumberId,
    String wabaId,
    String accessToken,
    String verifyToken,
    String appSecret,
    int webhookPort,
    String graphApiVersion,
    String graphApiBase,
    String llmBackend,
    String systemPrompt,
    LlmParams llmParams,
    String llmFallback,
    String language,
    boolean ttsEnabled,
    String ttsEngine,
    String ttsVoice,
    String ttsPreset,
    List<String> allowedPhones,
    List<String> blockedPhones,
    int rateLimitCount,
    int rateLimitHours) {}
