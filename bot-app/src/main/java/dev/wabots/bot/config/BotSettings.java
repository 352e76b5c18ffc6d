package dev.wabots.bot.config;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * This bot's configuration as the orchestrator hands it over (secrets included). Immutable; a
 * change takes a restart, as the seed's start/stop/restart model has it.
 */
public record BotSettings(
    String id,
    String name,
    String mode,
    String phoneNumberId,
    String accessToken,
    String verifyToken,
    String appSecret,
    int webhookPort,
    String graphApiVersion,
    String graphApiBase,
    String llmBackend,
    String systemPrompt,
    boolean ttsEnabled,
    String ttsEngine,
    String ttsVoice,
    String ttsPreset,
    List<String> allowedPhones,
    List<String> blockedPhones,
    int rateLimitCount,
    int rateLimitHours,
    String language) {

  public boolean live() {
    return "live".equals(mode);
  }

  /** Reads {@code {"instance":{…}}} as the orchestrator's {@code /internal/config} answers. */
  public static BotSettings fromJson(JsonObject body) {
    JsonObject i = body.getJsonObject("instance");
    return new BotSettings(
        text(i, "id"), text(i, "name"), text(i, "mode"), text(i, "phone_number_id"),
        text(i, "access_token"), text(i, "verify_token"), text(i, "app_secret"),
        i.getInt("webhook_port"), text(i, "graph_api_version"), text(i, "graph_api_base"),
        text(i, "llm_backend"), text(i, "system_prompt"),
        i.getBoolean("tts_enabled", false), text(i, "tts_engine"), text(i, "tts_voice"), text(i, "tts_preset"),
        list(i, "allowed_phones"), list(i, "blocked_phones"),
        i.getInt("rate_limit_count", 5), i.getInt("rate_limit_hours", 5),
        "en".equals(text(i, "language")) ? "en" : "ru");
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    if (v instanceof JsonNumber n) {
      return n.toString();
    }
    return null;
  }

  private static List<String> list(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (!(v instanceof JsonArray a)) {
      return List.of();
    }
    return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return "BotSettings[id=" + id + ", mode=" + mode + ", port=" + webhookPort + ", graph=" + graphApiBase + "]";
  }
}
