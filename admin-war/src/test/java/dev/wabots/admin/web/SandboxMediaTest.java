package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMediaTest {

  @Test
  void theSharesQueryIsReadAsUtf8() {
    Map<String, String> q = SandboxMedia.query("from=79001234567&type=document&filename=%D0%91%D1%80%D0%B8%D1%84.pdf"
        + "&caption=%D0%BD%D0%B0%D1%88+%D0%B1%D1%80%D0%B8%D1%84&type=image");
    assertEquals("Бриф.pdf", q.get("filename"));
    assertEquals("наш бриф", q.get("caption"));
    assertEquals("document", q.get("type"), "the first of a repeated name");
    assertFalse(SandboxMedia.query("caption=%E0%A4%A&from=1").containsKey("caption"), "a broken escape is left out");
    assertEquals(Map.of(), SandboxMedia.query(null));
  }
}
