package dev.wabots.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SpecPatchTest {

  private final JsonNode document = Bodies.json("""
      {"components": {"schemas": {"Text": {"required": ["a"], "type": "object"}}}}""");

  @Test
  void appendsToAnArrayWithDash() {
    SpecPatch.add("/components/schemas/Text/required/-", "\"b\"", "test").applyTo(document);

    assertEquals(Bodies.json("{\"r\": [\"a\", \"b\"]}").get("r"),
        document.at("/components/schemas/Text/required"));
  }

  @Test
  void replacesAndRemovesExistingMembers() {
    SpecPatch.replace("/components/schemas/Text/type", "\"string\"", "test").applyTo(document);
    SpecPatch.remove("/components/schemas/Text/required", "test").applyTo(document);

    assertEquals("{\"type\":\"string\"}", document.at("/components/schemas/Text").toString());
  }

  @Test
  void failsNamingThePatchWhenThePointerDoesNotResolve() {
    SpecPatch patch = SpecPatch.add("/components/schemas/Missing/required/-", "\"b\"",
        "fix: something Meta got wrong");

    SpecPatchException failure =
        assertThrows(SpecPatchException.class, () -> patch.applyTo(document));

    assertTrue(failure.getMessage().contains("/components/schemas/Missing/required/-"));
    assertTrue(failure.getMessage().contains("fix: something Meta got wrong"));
  }

  @Test
  void failsWhenATestDoesNotMatch() {
    SpecPatch patch = SpecPatch.test("/components/schemas/Text/type", "\"array\"", "guard");

    SpecPatchException failure =
        assertThrows(SpecPatchException.class, () -> patch.applyTo(document));

    assertTrue(failure.getMessage().contains("expected \"array\" but found \"object\""),
        failure.getMessage());
  }

  @Test
  void refusesToAddOverAnExistingMember() {
    SpecPatch patch = SpecPatch.add("/components/schemas/Text/type", "\"string\"", "extend");

    assertThrows(SpecPatchException.class, () -> patch.applyTo(document));
  }

  @Test
  void refusesToReplaceOrRemoveWhatIsNotThere() {
    assertThrows(SpecPatchException.class, () ->
        SpecPatch.replace("/components/schemas/Text/enum", "[]", "fix").applyTo(document));
    assertThrows(SpecPatchException.class, () ->
        SpecPatch.remove("/components/schemas/Text/required/3", "fix").applyTo(document));
  }

  @Test
  void everyPatchOfTheListHasAReason() {
    CloudApiSpecPatches.v23().forEach(patch ->
        assertTrue(patch.reason().matches(
            "(guard|fix|collision|extend|tighten|dispatch): .+"), patch.toString()));
  }
}
