package dev.wabots.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.instances.entity.InstanceChanges;
import dev.wabots.instances.entity.InstanceField;
import dev.wabots.instances.entity.LlmParams;
import dev.wabots.platform.FieldError;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceRulesTest {

  private static List<String> fieldsOf(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void requiresANameOnCreateOnly() {
    assertEquals(List.of("name"), fieldsOf(InstanceRules.check(InstanceChanges.none(), true)));
    assertTrue(InstanceRules.check(InstanceChanges.none(), false).isEmpty());
  }

  @Test
  void refusesBlankAndOverlongNamesCountingCodePoints() {
    var blank = InstanceChanges.none().set(InstanceField.NAME, "   ");
    assertEquals(List.of("name"), fieldsOf(InstanceRules.check(blank, false)));
    var hundredEmoji = InstanceChanges.none().set(InstanceField.NAME, "🤖".repeat(100));
    assertTrue(InstanceRules.check(hundredEmoji, true).isEmpty(), "100 emoji are 100 characters");
    var tooLong = InstanceChanges.none().set(InstanceField.NAME, "🤖".repeat(101));
    assertEquals(List.of("name"), fieldsOf(InstanceRules.check(tooLong, true)));
  }

  @Test
  void refusesNamesWithLineBreaksControlOrBidiOverrideCharacters() {
    for (String name : List.of("Support\r\n2025-01-01 INFO forged", "Bot\tTab", "Bot\u001b[31m", "Bot\u202Egpj.exe",
        "Bot\u2066x\u2069", "Bot\u2028Line")) {
      List<FieldError> errors = InstanceRules.check(InstanceChanges.none().set(InstanceField.NAME, name), true);
      assertEquals(List.of("name"), fieldsOf(errors), name);
      assertTrue(errors.get(0).message().startsWith("must not contain"), errors.get(0).message());
    }
    assertTrue(InstanceRules.check(InstanceChanges.none().set(InstanceField.NAME, "Бот «Поддержка» 🤖"), true).isEmpty());
  }

  @Test
  void speechToTextSettingsAreChecked() {
    var good = InstanceChanges.none().set(InstanceField.STT_ENABLED, true)
        .set(InstanceField.STT_ENGINE, "cloud:my-whisper").set(InstanceField.STT_LANGUAGE, "")
        .set(InstanceField.STT_MAX_SECONDS, 120L).set(InstanceField.STT_ECHO, true).set(InstanceField.MEDIA_HANDOFF, false);
    assertTrue(InstanceRules.check(good, false).isEmpty());
    assertEquals(null, good.text(InstanceField.STT_LANGUAGE), "empty: the bot's language");
    var bad = InstanceChanges.none().set(InstanceField.STT_ENABLED, null).set(InstanceField.STT_ENGINE, "whisper")
        .set(InstanceField.STT_LANGUAGE, "russian").set(InstanceField.STT_MAX_SECONDS, 4L)
        .set(InstanceField.STT_ECHO, null).set(InstanceField.MEDIA_HANDOFF, null);
    assertEquals(List.of("stt_enabled", "stt_engine", "stt_language", "stt_max_seconds", "stt_echo", "media_handoff"),
        fieldsOf(InstanceRules.check(bad, false)));
  }

  @Test
  void handOffSwitchesHandBackHoursAndRetentionDaysAreChecked() {
    var good = InstanceChanges.none().set(InstanceField.HANDOFF_ON_CONTACT, false)
        .set(InstanceField.HANDOFF_ON_PERSON_WORDS, true).set(InstanceField.HANDOFF_ON_AI_FAILURE, false)
        .set(InstanceField.HANDOFF_ON_TOO_EXPENSIVE, true).set(InstanceField.HANDBACK_AFTER_HOURS, 1L)
        .set(InstanceField.MESSAGE_RETENTION_DAYS, 3650L);
    assertTrue(InstanceRules.check(good, false).isEmpty());
    var bad = InstanceChanges.none().set(InstanceField.HANDOFF_ON_CONTACT, null)
        .set(InstanceField.HANDOFF_ON_PERSON_WORDS, null).set(InstanceField.HANDOFF_ON_AI_FAILURE, null)
        .set(InstanceField.HANDOFF_ON_TOO_EXPENSIVE, null).set(InstanceField.HANDBACK_AFTER_HOURS, 0L)
        .set(InstanceField.MESSAGE_RETENTION_DAYS, 3651L);
    List<FieldError> errors = InstanceRules.check(bad, false);
    assertEquals(List.of("handoff_on_contact", "handoff_on_person_words", "handoff_on_ai_failure",
        "handoff_on_too_expensive", "handback_after_hours", "message_retention_days"), fieldsOf(errors));
    assertEquals("must be a whole number from 1 to 720", errors.get(4).message());
    assertEquals("must be a whole number from 1 to 3650", errors.get(5).message());
    assertEquals(List.of("message_retention_days"), fieldsOf(InstanceRules.check(
        InstanceChanges.none().set(InstanceField.MESSAGE_RETENTION_DAYS, null), false)), "null is no number of days");
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    var changes = InstanceChanges.none()
        .set(InstanceField.NAME, "ok")
        .set(InstanceField.WEBHOOK_PORT, 80L)
        .set(InstanceField.LLM_BACKEND, "openai")
        .set(InstanceField.TTS_ENGINE, "festival")
        .set(InstanceField.MODE, "prod")
        .set(InstanceField.RATE_LIMIT_COUNT, 0L)
        .set(InstanceField.RATE_LIMIT_HOURS, -1L);
    assertEquals(
        List.of("mode", "webhook_port", "llm_backend", "tts_engine", "rate_limit_count", "rate_limit_hours"),
        fieldsOf(InstanceRules.check(changes, true)));
  }

  @Test
  void acceptsTheThreeBackendForms() {
    for (String backend : List.of("vllm", "gemini", "cloud:deepseek-1")) {
      var c = InstanceChanges.none().set(InstanceField.LLM_BACKEND, backend);
      assertTrue(InstanceRules.check(c, false).isEmpty(), backend);
    }
    var bad = InstanceChanges.none().set(InstanceField.LLM_BACKEND, "cloud:");
    assertEquals(List.of("llm_backend"), fieldsOf(InstanceRules.check(bad, false)));
  }

  @Test
  void checksLlmParamsRangesAndNames() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("temperature", new BigDecimal("2.5"));
    params.put("top_p", new BigDecimal("-0.1"));
    params.put("max_tokens", new BigDecimal("1.5"));
    params.put("presence_penalty", new BigDecimal("1"));
    var c = InstanceChanges.none().set(InstanceField.LLM_PARAMS, params);
    assertEquals(
        List.of("llm_params.temperature", "llm_params.top_p", "llm_params.max_tokens", "llm_params.presence_penalty"),
        fieldsOf(InstanceRules.check(c, false)));
  }

  @Test
  void turnsValidLlmParamsIntoTheTypedRecord() {
    Map<String, Object> params = Map.of(
        "temperature", new BigDecimal("0.7"), "max_tokens", new BigDecimal("512"), "top_p", new BigDecimal("1"));
    var c = InstanceChanges.none().set(InstanceField.LLM_PARAMS, params);
    assertTrue(InstanceRules.check(c, false).isEmpty());
    assertEquals(new LlmParams(0.7, 512, 1.0), c.raw(InstanceField.LLM_PARAMS));
  }

  @Test
  void normalisesPhonesToE164DigitsWithoutDuplicates() {
    var c = InstanceChanges.none().set(InstanceField.ALLOWED_PHONES,
        List.of("+7 900 123-45-67", "79001234567", "(44) 20 7946 0958"));
    assertTrue(InstanceRules.check(c, false).isEmpty());
    assertEquals(List.of("79001234567", "442079460958"), c.list(InstanceField.ALLOWED_PHONES));
  }

  @Test
  void namesTheIndexOfEachBadPhone() {
    var c = InstanceChanges.none().set(InstanceField.BLOCKED_PHONES,
        List.of("79001234567", "12345", "+0123456789", "abc", "1234567890123456"));
    assertEquals(
        List.of("blocked_phones[1]", "blocked_phones[2]", "blocked_phones[3]", "blocked_phones[4]"),
        fieldsOf(InstanceRules.check(c, false)));
  }

  @Test
  void emptyOptionalIdsBecomeNull() {
    var c = InstanceChanges.none().set(InstanceField.PHONE_NUMBER_ID, " ").set(InstanceField.TTS_PRESET, "");
    assertTrue(InstanceRules.check(c, false).isEmpty());
    assertNull(c.text(InstanceField.PHONE_NUMBER_ID));
    assertNull(c.text(InstanceField.TTS_PRESET));
  }

  @Test
  void refusesMetaIdsThatAreNotNumericAndSecretsWithSpaces() {
    var c = InstanceChanges.none()
        .set(InstanceField.WABA_ID, "abc")
        .set(InstanceField.APP_SECRET, "has space");
    assertEquals(List.of("waba_id", "app_secret"), fieldsOf(InstanceRules.check(c, false)));
  }

  @Test
  void booleansMayNotBeNull() {
    var c = InstanceChanges.none().set(InstanceField.ENABLED, null);
    assertEquals(List.of("enabled"), fieldsOf(InstanceRules.check(c, false)));
  }

  @Test
  void languageIsRussianOrEnglishAndPresetsAreTheRoutersOwn() {
    var bad = InstanceChanges.none().set(InstanceField.LANGUAGE, "de").set(InstanceField.TTS_PRESET, "loud");
    assertEquals(List.of("tts_preset", "language"), fieldsOf(InstanceRules.check(bad, false)));
    var good = InstanceChanges.none().set(InstanceField.LANGUAGE, " en ").set(InstanceField.TTS_PRESET, "calm");
    assertTrue(InstanceRules.check(good, false).isEmpty());
    assertEquals("en", good.text(InstanceField.LANGUAGE));
    assertEquals(List.of("language"), fieldsOf(InstanceRules.check(InstanceChanges.none().set(InstanceField.LANGUAGE, null), false)));
  }

  @Test
  void fallbackIsAProviderIdOrNothing() {
    var prefixed = InstanceChanges.none().set(InstanceField.LLM_FALLBACK, "cloud:openai");
    assertTrue(InstanceRules.check(prefixed, false).isEmpty());
    assertEquals("openai", prefixed.text(InstanceField.LLM_FALLBACK));
    var empty = InstanceChanges.none().set(InstanceField.LLM_FALLBACK, "");
    assertTrue(InstanceRules.check(empty, false).isEmpty());
    assertNull(empty.text(InstanceField.LLM_FALLBACK));
    var bad = InstanceChanges.none().set(InstanceField.LLM_FALLBACK, "no spaces please");
    assertEquals(List.of("llm_fallback"), fieldsOf(InstanceRules.check(bad, false)));
  }
}
