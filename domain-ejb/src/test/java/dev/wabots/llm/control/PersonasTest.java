package dev.wabots.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonasTest {

  @Test
  void hasASalesPersonaPerLanguageAndRussianByDefault() {
    String ru = Personas.defaultPrompt("ru");
    String en = Personas.defaultPrompt("en");
    assertTrue(ru.contains("AI-секретар") && ru.contains("Не выдумывай"), ru);
    assertTrue(en.contains("AI Secretary") && en.contains("Never invent"), en);
    assertEquals(ru, Personas.defaultPrompt(null));
    assertEquals(ru, Personas.defaultPrompt("de"));
    assertTrue(ru.length() < 6000 && en.length() < 6000, "a prompt, not a book: it is sent with every call");
  }
}
