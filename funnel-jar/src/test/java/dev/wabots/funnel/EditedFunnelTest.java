package dev.wabots.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.funnel.FunnelDraft.Option;
import dev.wabots.funnel.FunnelDraft.Screen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A definition edited while customers are in the middle of it: their conversations go on. */
class EditedFunnelTest {

  @Test
  void aCustomerOnADeletedScreenGetsTheMenu() {
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    Screen promo = draft.add("promo", "*Autumn offer*");
    Option more = draft.addButton(promo, "Tell me more", "what_is");
    draft.addButton(promo, "Home", "welcome");
    Screen welcome = draft.screen("welcome").orElseThrow();
    Option toPromo = welcome.getButtons().get(2);
    draft.lead(welcome, toPromo, List.of("promo"));
    Chat chat = new Chat(new FunnelEngine(FunnelDefinition.parse(draft.toJson())));
    chat.text("hi");
    chat.tap(toPromo.getId());
    assertTrue(chat.said().contains("Autumn offer"), chat.said());
    assertEquals(List.of(more.getId(), promo.getButtons().get(1).getId()), chat.offered());

    // The owner deletes the screen (and the button that led there) while the customer looks at it.
    draft.remove(welcome, toPromo);
    draft.delete("promo");
    FunnelEngine edited = new FunnelEngine(FunnelDefinition.parse(draft.toJson()));
    Chat later = new Chat(edited);
    later.state = chat.state;
    later.tap(toPromo.getId());
    assertEquals(List.of(FunnelEvent.UNKNOWN_REPLY), later.eventTypes());
    assertEquals(Chat.ids(List.of(edited.definition().menu())), later.offered(), "the menu");
    // A button of the deleted screen whose screen is still there keeps working.
    later.tap(more.getId());
    assertTrue(later.offered().contains("sales:start_quiz"), later.said());
    assertFalse(later.last.needsAi());
  }

  @Test
  void aCustomerInTheMiddleOfTheDiscoveryGoesOnAfterAnEdit() {
    Chat chat = new Chat("en");
    chat.tap("sales:custom_start");
    chat.text("A bot for our clinic");
    FunnelDraft draft = FunnelDraft.of(FunnelDefinition.defaultJson("en"));
    draft.screen("custom_step_3").orElseThrow().setBody("Which systems should it talk to?");
    Chat later = new Chat(new FunnelEngine(FunnelDefinition.parse(draft.toJson())));
    later.state = chat.state;
    later.tap(chat.offered().get(0));
    assertTrue(later.said().contains("Which systems should it talk to?"), later.said());
  }
}
