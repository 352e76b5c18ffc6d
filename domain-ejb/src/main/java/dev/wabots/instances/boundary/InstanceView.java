package dev.wabots.instances.boundary;

import dev.wabots.instances.entity.LlmParams;
import java.time.Instant;
import java.util.List;

/**
 * A bot as people see it: every setting, secrets only as masks ({@code ••••abcd}) plus whether
 * they are set. {@code running} and {@code state} come from the process supervisor.
 */
public record InstanceView(
    String id,
    String name,
    String description,
    boolean enabled,
    boolean autoStart,
    Long ownerId,
    String mode,
    String phoneNumberId,
    String wabaId,
    String accessToken,
    boolean accessTokenSet,
    String verifyToken,
    boolean verifyTokenSet,
    String appSecret,
    boolean appSecretSet,
    int webhookPort,
    String graphApiVersion,
    String llmBackend,
    String systemPrompt,
    LlmParams llmParams,
    String llmFallback,
    String language,
    boolean ttsEnabled,
    String ttsEngine,
    String ttsVoice,
    String ttsPreset,
    boolean sttEnabled,
    String sttEngine,
    String sttLanguage,
    int sttMaxSeconds,
    boolean sttEcho,
    boolean mediaHandoff,
    boolean handoffOnContact,
    boolean handoffOnPersonWords,
    boolean handoffOnAiFailure,
    boolean handoffOnTooExpensive,
    int handbackAfterHours,
    int messageRetentionDays,
    List<String> allowedPhones,
    List<String> blockedPhones,
    int rateLimitCount,
    int rateLimitHours,
    Instant created,
    Instant updated,
    boolean running,
    String state) {

  /** Shows only the last four characters of a long secret, nothing of a short one. */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return null;
    }
    int n = secret.length();
    return n >= 12 ? "••••" + secret.substring(n - 4) : "••••";
  }
}
