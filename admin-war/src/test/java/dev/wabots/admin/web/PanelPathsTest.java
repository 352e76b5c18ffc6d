package dev.wabots.admin.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PanelPathsTest {

  @Test
  void pathsThatResolveElsewhereAreNotNormalised() {
    for (String path : List.of("/panel/jakarta.faces.resource/../bots", "/panel/jakarta.faces.resource/%2e%2e/bots",
        "/panel/jakarta.faces.resource/%2E%2E%2Fbots", "/panel/./bots", "/admin/../panel/bots", "/panel//bots",
        "/panel/jakarta.faces.resource/..%5cbots", "/panel/bots;x=1", "/panel/%zz", "/panel/jakarta.faces.resource/..")) {
      assertFalse(PanelAuthentication.normalised(path), path);
    }
  }

  @Test
  void ordinaryPathsAre() {
    for (String path : List.of("/", "/panel", "/panel/", "/panel/bots", "/panel/jakarta.faces.resource/theme.css.xhtml",
        "/admin/whatsapp/instances/support-bot", "/admin/sandbox/bot/conversations/79001234567", "/panel/%D0%B1%D0%BE%D1%82",
        "/panel/file.name..txt")) {
      assertTrue(PanelAuthentication.normalised(path), path);
    }
  }
}
