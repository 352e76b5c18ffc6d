package dev.wabots.contract;

import java.util.List;

/**
 * Everything a bot process needs to run, secrets included: the orchestrator answers {@code GET
 * /internal/config} with it (wrapped in {@link Answer}), only to the token of that bot's running
 * process. Immutable; a change takes a restart of the bot.
 *
 * @param graphApiBase where the bot sends Graph API calls: Meta in live mode, the orchestrator's
 *     sandbox otherwise
 * @param orchestratorUrl the orchestrator's base URL as the bot should call it
 * @param language {@code ru} or {@code en}: the funnel's default definition and the bot's notices
 * @param sttEnabled whether customers' voice notes are turned into text (the orchestrator holds the
 *     engine, language and longest note)
 * @param aiSeesImages whether the bot's AI backend takes images (photos then go to it with their caption)
 * @param mediaHandoff whether a file or photo the bot cannot handle itself asks for a person
 * @param sttEcho whether the bot first answers a transcribed voice note with "I heard: …" (the
 *     definition's {@code voice_heard} screen)
 * @param handoff which situations ask for a person and when a silent person hands back (null reads
 *     as {@link HandoffRules#DEFAULTS}, so an older orchestrator's answer still works)
 * @param messageRetentionDays how long the bot keeps the texts of its messages in its own database
 *     (null, from an older orchestrator: {@link #DEFAULT_RETENTION_DAYS})
 */
public record BotConfiguration(
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
    String orchestratorUrl,
    String llmBackend,
    String systemPrompt,
    LlmParameters llmParams,
    String llmFallback,
    String language,
    boolean ttsEnabled,
    String ttsEngine,
    String ttsVoice,
    String ttsPreset,
    List<String> allowedPhones,
    List<String> blockedPhones,
    int rateLimitCount,
    int rateLimitHours,
    boolean sttEnabled,
    boolean aiSeesImages,
    boolean mediaHandoff,
    boolean sttEcho,
    HandoffRules handoff,
    Integer messageRetentionDays) {

  /** The message text retention of a bot that names none. */
  public static final int DEFAULT_RETENTION_DAYS = 180;

  /** Lists copied; null lists read as empty; no hand-off rules read as the defaults. */
  public BotConfiguration {
    handoff = handoff == null ? HandoffRules.DEFAULTS : handoff;
    messageRetentionDays = messageRetentionDays == null || messageRetentionDays < 1 ? DEFAULT_RETENTION_DAYS
        : messageRetentionDays;
    allowedPhones = allowedPhones == null ? List.of() : List.copyOf(allowedPhones);
    blockedPhones = blockedPhones == null ? List.of() : List.copyOf(blockedPhones);
  }

  /** Whether the bot talks to Meta itself (not the sandbox). */
  public boolean live() {
    return "live".equals(mode);
  }

  /** The language of the bot's texts: {@code en} or (anything else) {@code ru}. */
  public String languageOrDefault() {
    return "en".equals(language) ? "en" : "ru";
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "BotConfiguration[id=" + id + ", mode=" + mode + ", port=" + webhookPort + ", graph=" + graphApiBase + "]";
  }

  /** The body of {@code GET /internal/config}: {@code {"instance":{…}}}. */
  public record Answer(BotConfiguration instance) {}
}
