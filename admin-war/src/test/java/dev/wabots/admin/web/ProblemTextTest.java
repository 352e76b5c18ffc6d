package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.DefinitionProblem;
import dev.wabots.funnel.FunnelDefinition;
import dev.wabots.funnel.FunnelDraft;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ProblemTextTest {

  static ProblemText in(String language) {
    Locale locale = Locale.forLanguageTag(language);
    ResourceBundle bundle = ResourceBundle.getBundle("dev.wabots.admin.web.messages", locale);
    return new ProblemText((key, args) -> !bundle.containsKey(key) ? key
        : args.length == 0 ? bundle.getString(key) : new MessageFormat(bundle.getString(key), locale).format(args));
  }

  /** A definition broken the ways people break it in the editor. */
  static List<DefinitionProblem> broken() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("ru"));
    draft.screen("menu").orElseThrow().getButtons().get(1).setTitle("Связаться с менеджером сейчас");
    draft.screen("contact").orElseThrow().setBody("");
    draft.screen("welcome").orElseThrow().getButtons().get(0).setId("sales:nowhere");
    draft.screen("what_is").orElseThrow().setBody("Звоните: {phone_number}");
    draft.delete("github");
    return draft.definition().validate();
  }

  @Test
  void namesTheScreenAndFieldInThePersonsLanguage() {
    ProblemText ru = in("ru");
    List<String> texts = broken().stream().map(p -> ru.describe(p.node(), p.rule().name(), p.message())).toList();
    String all = String.join("\n", texts);
    assertTrue(all.contains("Экран «menu», название кнопки: длиной 29 символов, а WhatsApp допускает 20"), all);
    assertTrue(all.contains("Экран «contact», текст: пусто"), all);
    assertTrue(all.contains("Экран «welcome», кнопка 1, идентификатор ответа: никуда не ведёт: на «sales:nowhere»"), all);
    assertTrue(all.contains("использует {phone_number}"), all);
    assertTrue(all.contains("ведёт на экран «github», которого нет"), all);
    for (String text : texts) {
      assertFalse(text.matches("(?s).*(got|missing|must|no handler|nothing fills|Exception|funnel\\.).*"), text);
    }
  }

  @Test
  void englishToo() {
    ProblemText en = in("en");
    String all = String.join("\n", broken().stream().map(p -> en.describe(p.node(), p.rule().name(), p.message())).toList());
    assertTrue(all.contains("Screen «menu», button title: is 29 characters long; WhatsApp allows 20"), all);
  }

  @Test
  void brokenJsonSaysWhereInItsOwnWords() {
    assertEquals("Описание: JSON испорчен в строке 3, столбце 7",
        in("ru").describe("definition", "", "malformed JSON at line 3, column 7: Unexpected char 44"));
    assertEquals("The definition: key «title» appears twice (line 12, column 20)",
        in("en").describe("", "", "duplicate key \"title\" at line 12, column 20"));
  }

  @Test
  void findsTheLineAndColumnOfANode() {
    String json = "{\n  \"screens\": {\n    \"menu\": {\n      \"body\": \"x\",\n      \"buttons\": [\n"
        + "        {\"id\": \"nav:welcome\", \"title\": \"Home\"},\n        {\"id\": \"sales:faq\", \"title\": \"FAQ\"}\n"
        + "      ]\n    }\n  }\n}\n";
    assertEquals(7, JsonLocations.of(json, "screens.menu.buttons[1].title").orElseThrow().line());
    assertEquals(4, JsonLocations.of(json, "screens.menu.body").orElseThrow().line());
    assertEquals(3, JsonLocations.of(json, "screens.menu.header").orElseThrow().line(), "a missing field: its object");
    assertTrue(JsonLocations.of("{broken", "screens.menu").isEmpty());
  }
}
