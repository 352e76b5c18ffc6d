package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.llm.entity.ProviderChanges;
import dev.wabots.llm.entity.ProviderField;
import dev.wabots.llm.entity.ProviderType;
import dev.wabots.platform.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRulesTest {

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  @Test
  void requiresNameAndTypeOnCreate() {
    assertEquals(List.of("name", "type"), fields(ProviderRules.check(ProviderChanges.none(), true)));
    assertTrue(ProviderRules.check(ProviderChanges.none(), false).isEmpty());
  }

  @Test
  void refusesNamesWithLineBreaksOrBidiOverrides() {
    for (String name : List.of("DeepSeek\nINFO forged", "Deep\u202ESeek")) {
      assertEquals(List.of("name"), fields(ProviderRules.check(ProviderChanges.none().set(ProviderField.NAME, name), false)), name);
    }
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    var c = ProviderChanges.none()
        .set(ProviderField.NAME, " ")
        .set(ProviderField.TYPE, "openai")
        .set(ProviderField.BASE_URL, "api.openai.com")
        .set(ProviderField.MODEL, "two words")
        .set(ProviderField.API_KEY, "has space")
        .set(ProviderField.ENABLED, null)
        .set(ProviderField.OWNER_ID, 0L);
    assertEquals(List.of("name", "type", "base_url", "model", "api_key", "enabled", "owner_id"),
        fields(ProviderRules.check(c, false)));
  }

  @Test
  void normalisesTypeAndClearsEmptyKeyAndModel() {
    var c = ProviderChanges.none().set(ProviderField.TYPE, " Anthropic ").set(ProviderField.API_KEY, "")
        .set(ProviderField.MODEL, "  ");
    assertTrue(ProviderRules.check(c, false).isEmpty());
    assertEquals("anthropic", c.text(ProviderField.TYPE));
    assertNull(c.text(ProviderField.API_KEY));
    assertNull(c.text(ProviderField.MODEL));
  }

  @Test
  void geminiAndAnthropicNeedAModelAndEveryTypeAnAddress() {
    assertEquals(List.of("model"), fields(ProviderRules.checkWhole(ProviderType.GEMINI, "https://g", null)));
    assertEquals(List.of("model"), fields(ProviderRules.checkWhole(ProviderType.ANTHROPIC, "https://a", " ")));
    assertTrue(ProviderRules.checkWhole(ProviderType.OPENAI_COMPATIBLE, "http://127.0.0.1:8000", null).isEmpty());
    assertEquals(List.of("base_url"), fields(ProviderRules.checkWhole(ProviderType.OPENAI_COMPATIBLE, "", "gpt-4o-mini")));
  }
}
