package dev.wabots.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wabots.platform.StrictJson.MalformedJson;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  @Test
  void readsNestedObjectsArraysAndScalarsAsTheyWere() {
    JsonValue v = StrictJson.read(" {\"a\":[1,2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":-7} \n");
    JsonObject o = v.asJsonObject();
    assertEquals("[1,2.5,\"x\",true,false,null,{\"b\":{}}]", o.get("a").toString());
    assertTrue(((JsonNumber) o.get("c")).isIntegral());
    assertEquals(-7, o.getInt("c"));
    assertEquals(JsonValue.ValueType.STRING, StrictJson.read("\"only\"").getValueType());
  }

  @Test
  void refusesNestingDeeperThanTheLimitWithoutExhaustingTheStack() {
    String deep = "[".repeat(10_000);
    MalformedJson e = assertThrows(MalformedJson.class, () -> StrictJson.read(deep));
    assertTrue(e.getMessage().contains("nested deeper than 64 levels"), e.getMessage());
    String atLimit = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
    assertEquals(JsonValue.ValueType.ARRAY, StrictJson.read(atLimit).getValueType());
    String overLimit = "{\"a\":".repeat(StrictJson.MAX_DEPTH + 1) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);
    assertThrows(MalformedJson.class, () -> StrictJson.read(overLimit));
  }

  @Test
  void refusesADuplicateKeyNamingItAndWhereItIs() {
    MalformedJson e = assertThrows(MalformedJson.class, () -> StrictJson.read("{\"name\":\"a\",\n\"name\":\"b\"}"));
    assertTrue(e.getMessage().startsWith("duplicate key \"name\" at line 2"), e.getMessage());
    assertEquals(2, StrictJson.read("{\"a\":{\"x\":1},\"b\":{\"x\":2}}").asJsonObject().size(), "same key in two objects is fine");
  }

  @Test
  void refusesAnythingAfterTheValue() {
    for (String text : new String[] {"{\"a\":1} garbage", "{\"a\":1}{}", "[1] ]", "5 6"}) {
      MalformedJson e = assertThrows(MalformedJson.class, () -> StrictJson.read(text), text);
      assertTrue(e.getMessage().startsWith("unexpected content after the JSON value at line 1"), e.getMessage());
    }
  }

  @Test
  void namesTheLineAndColumnOfBrokenSyntax() {
    MalformedJson e = assertThrows(MalformedJson.class, () -> StrictJson.read("{\"a\":\n  tru}"));
    assertTrue(e.getMessage().startsWith("malformed JSON at line 2"), e.getMessage());
    assertThrows(MalformedJson.class, () -> StrictJson.read("{\"a\":1"));
    assertThrows(MalformedJson.class, () -> StrictJson.read(" "));
  }

  @Test
  void refusesBytesThatAreNotUtf8WithTheirOffset() {
    byte[] good = "{\"name\":\"Бот\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("{\"name\":\"Бот\"}", StrictJson.utf8(good));
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    MalformedJson e = assertThrows(MalformedJson.class, () -> StrictJson.utf8(bad));
    assertEquals("invalid UTF-8 at byte 6 (send the body as UTF-8)", e.getMessage());
    assertThrows(MalformedJson.class, () -> StrictJson.checkUtf8(bad));
    byte[] lateBad = new byte[10_000];
    java.util.Arrays.fill(lateBad, (byte) 'a');
    lateBad[9_000] = (byte) 0xFF;
    assertEquals("invalid UTF-8 at byte 9000 (send the body as UTF-8)",
        assertThrows(MalformedJson.class, () -> StrictJson.checkUtf8(lateBad)).getMessage());
    byte[] truncated = {'"', (byte) 0xE2, (byte) 0x82};
    assertThrows(MalformedJson.class, () -> StrictJson.utf8(truncated));
  }
}
