package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabots.funnel.FunnelDraft.Option;
import dev.wabots.funnel.FunnelDraft.Screen;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FunnelDraftTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void roundTripOfTheDefaultDefinitionLosesNothing(String language) throws Exception {
    String json = FunnelDefinition.defaultJson(language);
    String back = FunnelDraft.of(json).toJson();
    assertEquals(JSON.readTree(json), JSON.readTree(back));
    assertEquals(json, back, "even the layout of the shipped file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void readsEveryScreenWithItsButtonsAndRows(String language) {
    FunnelDefinition definition = FunnelDefinition.load(language);
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson(language));
    assertEquals(definition.data().screens().keySet().stream().toList(),
        draft.screens().stream().map(Screen::getKey).toList());
    Screen quizInfra = draft.screen("quiz_infra").orElseThrow();
    assertEquals(definition.data().screens().get("quiz_infra").list().sections().get(0).rows().size(),
        quizInfra.options().size());
    assertTrue(draft.screen("welcome").orElseThrow().getButtons().size() > 1);
  }

  @Test
  void changingAButtonTitleChangesOnlyThatTitle() throws Exception {
    String json = FunnelDefinition.defaultJson("en");
    FunnelDraft draft = FunnelDraft.of(json);
    draft.screen("menu").orElseThrow().getButtons().get(1).setTitle("Call us");
    String changed = draft.toJson();
    JsonNode before = JSON.readTree(json);
    JsonNode after = JSON.readTree(changed);
    assertEquals("Call us", after.at("/screens/menu/buttons/1/title").asText());
    ((com.fasterxml.jackson.databind.node.ObjectNode) after.at("/screens/menu/buttons/1"))
        .put("title", before.at("/screens/menu/buttons/1/title").asText());
    assertEquals(before, after);
    assertTrue(FunnelDefinition.read(changed).validate().isEmpty());
    assertTrue(FunnelDefinition.parse(changed).menu().toString().contains("Call us"));
  }

  @Test
  void aCopiedScreenIsValidButUnreachableUntilAButtonLeadsToIt() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("ru"));
    Screen copy = draft.copy("what_is", "what_is_short");
    assertEquals(draft.screens().indexOf(draft.screen("what_is").orElseThrow()) + 1, draft.screens().indexOf(copy));
    assertEquals(draft.screen("what_is").orElseThrow().getBody(), copy.getBody());
    assertTrue(draft.definition().validate().isEmpty(), () -> draft.definition().validate().toString());
    assertEquals(java.util.Set.of("what_is_short"), draft.unreachable());

    Screen menu = draft.screen("menu").orElseThrow();
    draft.lead(menu, menu.getButtons().get(2), List.of("what_is_short"));
    assertTrue(draft.unreachable().isEmpty());
    assertTrue(draft.definition().validate().isEmpty(), () -> draft.definition().validate().toString());
  }

  @Test
  void aButtonOfTheEngineGetsAnIdOfItsOwnWhenPointedAtAScreen() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    Screen menu = draft.screen("menu").orElseThrow();
    Option contact = menu.getButtons().get(1);
    assertEquals("sales:contact", contact.getId());
    assertEquals("contact", draft.engineStep("sales:contact").orElseThrow());
    assertTrue(draft.leadsTo("sales:contact").isEmpty());

    draft.lead(menu, contact, List.of("what_is"));
    assertEquals("nav:menu_1", contact.getId());
    assertEquals(List.of("what_is"), draft.leadsTo("nav:menu_1"));
    assertTrue(draft.engineStep("nav:menu_1").isEmpty());
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.parse(draft.toJson())));
    chat.tap("nav:menu_1");
    assertEquals(List.of("sales:start_quiz", "sales:github", "sales:back_welcome"), chat.offered());
  }

  @Test
  void aSharedRouteIsForkedWithItsEventSoTheOtherButtonsStay() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    Screen welcome = draft.screen("welcome").orElseThrow();
    Option github = welcome.getButtons().get(1);
    assertEquals("sales:github", github.getId());
    List<String> before = draft.leadsTo("sales:github");
    draft.lead(welcome, github, List.of("contact"));
    assertNotEquals("sales:github", github.getId());
    assertEquals(before, draft.leadsTo("sales:github"), "what_is still offers it");
    assertTrue(draft.definition().validate().isEmpty());
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.parse(draft.toJson())));
    chat.tap(github.getId());
    assertEquals(List.of("cta_clicked"), chat.eventTypes(), "the route's event is kept");
    assertTrue(chat.said().contains("Contact us"), chat.said());
  }

  @Test
  void aRouteOnlyOneButtonUsesIsChangedInPlace() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    Screen demo = draft.screen("basic_demo").orElseThrow();
    Option back = demo.getButtons().stream().filter(o -> o.getId().equals("sales:basic_back_value")).findFirst()
        .orElseThrow();
    draft.lead(demo, back, List.of("menu"));
    assertEquals("sales:basic_back_value", back.getId());
    assertEquals(List.of("menu"), draft.leadsTo("sales:basic_back_value"));
  }

  @Test
  void aDeletedScreenLeavesItsButtonsListedAsDanglingUntilTheyLeadElsewhere() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    assertTrue(draft.dangling().isEmpty(), () -> draft.dangling().toString());
    List<String> offering = draft.screens().stream()
        .filter(s -> s.options().stream().anyMatch(o -> o.getId().equals("sales:what_is"))).map(Screen::getKey).toList();
    assertEquals(List.of("faq_menu"), offering);
    draft.delete("what_is");
    List<FunnelDraft.Dangling> dangling = draft.dangling();
    assertEquals(offering, dangling.stream().map(FunnelDraft.Dangling::screen).toList());
    assertTrue(dangling.stream().allMatch(d -> d.missing().equals("what_is") && d.replyId().equals("sales:what_is")));
    assertTrue(draft.definition().validate().stream().anyMatch(p -> p.rule() == DefinitionRule.MISSING_TARGET));

    for (String key : offering) {
      Screen screen = draft.screen(key).orElseThrow();
      draft.remove(screen, screen.options().stream().filter(o -> o.getId().equals("sales:what_is")).findFirst()
          .orElseThrow());
    }
    assertTrue(draft.dangling().isEmpty());
    assertFalse(draft.routes().containsKey("sales:what_is"), "the route to nowhere goes with its last button");
    assertTrue(draft.definition().validate().isEmpty(), () -> draft.definition().validate().toString());
  }

  @Test
  void newScreensAndButtons() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    assertFalse(draft.isFreeKey("welcome"));
    assertFalse(draft.isFreeKey("Not A Key"));
    assertThrows(IllegalArgumentException.class, () -> draft.add("menu", "x"));
    Screen promo = draft.add("promo", "*Autumn offer*: 10% off");
    Option home = draft.addButton(promo, "Home", "welcome");
    assertEquals(List.of("welcome"), draft.leadsTo(home.getId()));
    draft.addButton(promo, "Menu", "menu");
    draft.addButton(promo, "Contact", "contact");
    assertNull(draft.addButton(promo, "Fourth", "menu"), "three buttons at most");
    Screen welcome = draft.screen("welcome").orElseThrow();
    draft.lead(welcome, welcome.getButtons().get(2), List.of("promo"));
    assertTrue(draft.definition().validate().isEmpty(), () -> draft.definition().validate().toString());

    promo.useList(true, "Options");
    assertEquals(3, promo.options().size());
    assertTrue(promo.getButtons().isEmpty());
    draft.addRow(promo, "More", "faq_menu");
    assertTrue(draft.definition().validate().isEmpty(), () -> draft.definition().validate().toString());
  }

  @Test
  void aDraftSurvivesSerialization() throws Exception {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("ru"));
    draft.screen("menu").orElseThrow().setBody("Меню");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(draft);
    }
    FunnelDraft back;
    try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (FunnelDraft) in.readObject();
    }
    assertEquals(draft.toJson(), back.toJson());
    assertEquals("contact", back.engineStep("sales:contact").orElseThrow());
  }

  @Test
  void unreadableJsonIsRefusedWithWhere() {
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> FunnelDraft.of("{\"screens\": {\"menu\": {\"body\": \"x\", \"colour\": 1}}}"));
    assertEquals(DefinitionRule.MALFORMED, e.problems().get(0).rule());
  }
}
