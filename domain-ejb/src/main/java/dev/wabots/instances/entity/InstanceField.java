package dev.wabots.instances.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting of a bot instance, with its JSON name (the seed's parameter names) and the JSON
 * type it takes. The REST layer reads bodies by this list; the panel writes changes with it.
 */
public enum InstanceField {
  NAME("name", Type.TEXT),
  DESCRIPTION("description", Type.TEXT),
  ENABLED("enabled", Type.BOOLEAN),
  AUTO_START("auto_start", Type.BOOLEAN),
  OWNER_ID("owner_id", Type.INTEGER),
  MODE("mode", Type.TEXT),
  PHONE_NUMBER_ID("phone_number_id", Type.TEXT),
  WABA_ID("waba_id", Type.TEXT),
  ACCESS_TOKEN("access_token", Type.TEXT),
  VERIFY_TOKEN("verify_token", Type.TEXT),
  APP_SECRET("app_secret", Type.TEXT),
  WEBHOOK_PORT("webhook_port", Type.INTEGER),
  GRAPH_API_VERSION("graph_api_version", Type.TEXT),
  LLM_BACKEND("llm_backend", Type.TEXT),
  SYSTEM_PROMPT("system_prompt", Type.TEXT),
  LLM_PARAMS("llm_params", Type.OBJECT),
  LLM_FALLBACK("llm_fallback", Type.TEXT),
  TTS_ENABLED("tts_enabled", Type.BOOLEAN),
  TTS_ENGINE("tts_engine", Type.TEXT),
  TTS_VOICE("tts_voice", Type.TEXT),
  TTS_PRESET("tts_preset", Type.TEXT),
  STT_ENABLED("stt_enabled", Type.BOOLEAN),
  STT_ENGINE("stt_engine", Type.TEXT),
  STT_LANGUAGE("stt_language", Type.TEXT),
  STT_MAX_SECONDS("stt_max_seconds", Type.INTEGER),
  STT_ECHO("stt_echo", Type.BOOLEAN),
  MEDIA_HANDOFF("media_handoff", Type.BOOLEAN),
  HANDOFF_ON_CONTACT("handoff_on_contact", Type.BOOLEAN),
  HANDOFF_ON_PERSON_WORDS("handoff_on_person_words", Type.BOOLEAN),
  HANDOFF_ON_AI_FAILURE("handoff_on_ai_failure", Type.BOOLEAN),
  HANDOFF_ON_TOO_EXPENSIVE("handoff_on_too_expensive", Type.BOOLEAN),
  HANDBACK_AFTER_HOURS("handback_after_hours", Type.INTEGER),
  MESSAGE_RETENTION_DAYS("message_retention_days", Type.INTEGER),
  ALLOWED_PHONES("allowed_phones", Type.TEXT_LIST),
  BLOCKED_PHONES("blocked_phones", Type.TEXT_LIST),
  RATE_LIMIT_COUNT("rate_limit_count", Type.INTEGER),
  RATE_LIMIT_HOURS("rate_limit_hours", Type.INTEGER),
  LANGUAGE("language", Type.TEXT);

  /** The JSON shape a field takes. */
  public enum Type {
    TEXT,
    BOOLEAN,
    INTEGER,
    OBJECT,
    TEXT_LIST
  }

  private final String json;
  private final Type type;

  InstanceField(String json, Type type) {
    this.json = json;
    this.type = type;
  }

  public String json() {
    return json;
  }

  public Type type() {
    return type;
  }

  /** Access token, verify token and app secret: encrypted at rest, never shown to people. */
  public boolean isSecret() {
    return this == ACCESS_TOKEN || this == VERIFY_TOKEN || this == APP_SECRET;
  }

  public static Optional<InstanceField> byJson(String name) {
    return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
  }
}
